import type { CreateVersionInput } from '@/lib/models/schema';
import type { MlflowModelVersion, MlflowRegisteredModel, MlflowRun } from './client';

// What a sync would do, worked out without writing: pure, so the preview and
// the import are the same computation. Nothing the portal already governs is
// changed: a version enters as a draft, and a version the portal holds is
// never overwritten (differences are listed as conflicts).

export type RemoteVersion = { model: MlflowRegisteredModel; version: MlflowModelVersion; run: MlflowRun | null };

export type PortalState = {
  /** Portal models by key. */
  models: ReadonlyMap<string, { id: string; key: string }>;
  /** `${modelKey}@${label}` of every portal version of those models. */
  versions: ReadonlySet<string>;
  /** What earlier syncs imported, by `${mlflowModel}\u0000${version}`. */
  imported: ReadonlyMap<string, { id: string; source: string | null; runId: string | null; modelVersionId: string | null; goneAt: Date | null; portal: string | null }>;
};

export type Suggestion = { stage: 'PRODUCTION' | 'VALIDATION' | 'RETIRED'; because: string } | null;

export type PlannedVersion = {
  mlflowModel: string;
  mlflowVersion: string;
  modelKey: string;
  newModel: { name: string; purpose: string } | null;
  input: CreateVersionInput & { label: string };
  record: { runId: string | null; source: string | null; mlflowUpdatedAt: Date | null; mlflowStage: string | null; aliases: string[]; tags: Record<string, string>; suggestedStage: string | null };
  suggestion: Suggestion;
  warnings: string[];
};

export type SyncPlan = {
  create: PlannedVersion[];
  conflicts: { mlflowModel: string; mlflowVersion: string; portal: string; reason: string }[];
  gone: { id: string; mlflowModel: string; mlflowVersion: string; portal: string | null }[];
  returned: { id: string; mlflowModel: string; mlflowVersion: string }[];
  skipped: { mlflowModel: string; mlflowVersion: string; reason: string }[];
  unchanged: number;
};

export const importKey = (model: string, version: string) => `${model}\u0000${version}`;

/** An MLflow registered-model name as a portal model key (lowercase letters, digits, hyphens). */
export function modelKeyFor(name: string): string {
  const key = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return key.length >= 2 ? key : `mlflow-${key || 'model'}`;
}

const PRODUCTION_ALIASES = /^(champion|prod|production|live)$/i;
const CANDIDATE_ALIASES = /^(challenger|candidate|staging|stage)$/i;

/** MLflow's stage and aliases as a suggestion only: the version still enters as a draft. */
export function suggestStage(stage: string | undefined, aliases: readonly string[]): Suggestion {
  const prodAlias = aliases.find((a) => PRODUCTION_ALIASES.test(a));
  if (stage === 'Production' || prodAlias) return { stage: 'PRODUCTION', because: stage === 'Production' ? 'MLflow stage Production' : `MLflow alias ${prodAlias}` };
  const candAlias = aliases.find((a) => CANDIDATE_ALIASES.test(a));
  if (stage === 'Staging' || candAlias) return { stage: 'VALIDATION', because: stage === 'Staging' ? 'MLflow stage Staging' : `MLflow alias ${candAlias}` };
  if (stage === 'Archived') return { stage: 'RETIRED', because: 'MLflow stage Archived' };
  return null;
}

/** Tag names a run or version may log the artifact's SHA-256 under. */
export const DIGEST_TAGS = ['artifact_sha256', 'model_sha256', 'sha256', 'artifact_digest', 'digest'] as const;

function digestFrom(tags: Record<string, string>, where: string, warnings: string[]): string | null {
  for (const name of DIGEST_TAGS) {
    const raw = tags[name];
    if (raw === undefined) continue;
    const hex = raw.trim().toLowerCase().replace(/^sha256:/, '');
    if (/^[0-9a-f]{64}$/.test(hex)) return hex;
    warnings.push(`The ${where} tag ${name} is not a SHA-256 digest ("${raw.slice(0, 80)}"): no digest recorded.`);
  }
  return null;
}

type LoggedModel = { artifact_path?: string; flavors?: Record<string, Record<string, unknown>> };

/** The framework from the run's logged-model history: its flavour other than python_function, with its version. */
export function frameworkFrom(runTags: Record<string, string>, source: string | undefined): string {
  const raw = runTags['mlflow.log-model.history'];
  if (!raw) return '';
  let history: LoggedModel[];
  try {
    const parsed: unknown = JSON.parse(raw);
    history = Array.isArray(parsed) ? (parsed as LoggedModel[]) : [];
  } catch {
    return '';
  }
  const entry = history.find((h) => h.artifact_path && source?.endsWith(`/${h.artifact_path}`)) ?? history[0];
  const flavors = entry?.flavors ?? {};
  const name = Object.keys(flavors).find((f) => f !== 'python_function');
  if (!name) return '';
  const version = flavors[name]?.[`${name}_version`];
  return `${name}${typeof version === 'string' ? ` ${version}` : ''}`.slice(0, 120);
}

const asMap = (list: readonly { key: string; value: string }[]) => Object.fromEntries(list.map((t) => [t.key, t.value]));

export function planSync(remote: readonly RemoteVersion[], portal: PortalState, url: string): SyncPlan {
  const plan: SyncPlan = { create: [], conflicts: [], gone: [], returned: [], skipped: [], unchanged: 0 };
  const seen = new Set<string>();
  const keysThisRun = new Set<string>();

  for (const { model, version, run } of remote) {
    const key = importKey(version.name, version.version);
    seen.add(key);
    const prior = portal.imported.get(key);
    const modelKey = modelKeyFor(version.name);
    const label = version.version;
    if (prior) {
      if (prior.goneAt) plan.returned.push({ id: prior.id, mlflowModel: version.name, mlflowVersion: label });
      const changes: string[] = [];
      if ((version.source ?? null) !== prior.source) changes.push(`artifact ${prior.source ?? '(none)'} → ${version.source ?? '(none)'}`);
      if ((version.run_id ?? null) !== prior.runId) changes.push(`run ${prior.runId ?? '(none)'} → ${version.run_id ?? '(none)'}`);
      if (changes.length && prior.modelVersionId) {
        plan.conflicts.push({ mlflowModel: version.name, mlflowVersion: label, portal: prior.portal ?? `${modelKey} ${label}`, reason: `Changed in MLflow after import (${changes.join('; ')}); the portal's version is kept.` });
      } else plan.unchanged++;
      continue;
    }
    if (version.status && version.status !== 'READY') {
      plan.skipped.push({ mlflowModel: version.name, mlflowVersion: label, reason: `MLflow status ${version.status}${version.status_message ? `: ${version.status_message}` : ''}; imported once READY.` });
      continue;
    }
    if (portal.versions.has(`${modelKey}@${label}`) || keysThisRun.has(`${modelKey}@${label}`)) {
      plan.conflicts.push({ mlflowModel: version.name, mlflowVersion: label, portal: `${modelKey} ${label}`, reason: 'The portal already holds this version (registered there, not imported); it is kept as it is.' });
      continue;
    }
    keysThisRun.add(`${modelKey}@${label}`);

    const warnings: string[] = [];
    const versionTags = asMap(version.tags);
    const runTags = run ? asMap(run.data.tags) : {};
    if (version.run_id && !run) warnings.push(`The run ${version.run_id} could not be found in MLflow: imported without parameters and metrics.`);
    if (run?.info.lifecycle_stage === 'deleted') warnings.push(`The run ${version.run_id} is deleted in MLflow.`);
    const digest = digestFrom(versionTags, 'version', warnings) ?? digestFrom(runTags, 'run', warnings);
    const aliases = [...new Set([...version.aliases, ...model.aliases.filter((a) => a.version === label).map((a) => a.alias)])];
    const suggestion = suggestStage(version.current_stage, aliases);

    const metrics = new Map<string, { name: string; value: number }>();
    for (const m of run?.data.metrics ?? []) {
      if (!Number.isFinite(m.value) || m.key.length > 80) continue;
      if (!metrics.has(m.key.toLowerCase())) metrics.set(m.key.toLowerCase(), { name: m.key, value: m.value });
    }
    const userTags = Object.fromEntries(Object.entries({ ...runTags, ...versionTags }).filter(([k]) => !k.startsWith('mlflow.')));
    const notes = [
      `Imported from MLflow (${url}): registered model ${version.name}, version ${label}${version.run_id ? `, run ${version.run_id}` : ''}.`,
      `MLflow stage: ${version.current_stage ?? 'None'}${aliases.length ? `; aliases: ${aliases.join(', ')}` : ''}.`,
      version.description ? `Description: ${version.description}` : '',
      Object.keys(userTags).length ? `Tags: ${Object.entries(userTags).map(([k, v]) => `${k}=${v}`).join('; ')}` : '',
    ]
      .filter(Boolean)
      .join('\n')
      .slice(0, 4000);

    plan.create.push({
      mlflowModel: version.name,
      mlflowVersion: label,
      modelKey,
      newModel: portal.models.has(modelKey) || plan.create.some((c) => c.modelKey === modelKey && c.newModel)
        ? null
        : { name: version.name.slice(0, 160), purpose: (model.description || `Imported from the MLflow registered model ${version.name}.`).slice(0, 2000) },
      input: {
        label,
        framework: run ? frameworkFrom(runTags, version.source) : '',
        artifactUri: version.source?.slice(0, 1000) ?? null,
        artifactDigest: digest,
        hyperparameters: Object.fromEntries((run?.data.params ?? []).map((p) => [p.key, p.value])),
        metrics: [...metrics.values()].slice(0, 100),
        notes,
      },
      record: {
        runId: version.run_id ?? null,
        source: version.source ?? null,
        mlflowUpdatedAt: version.last_updated_timestamp ? new Date(version.last_updated_timestamp) : null,
        mlflowStage: version.current_stage ?? null,
        aliases,
        tags: { ...versionTags },
        suggestedStage: suggestion?.stage ?? null,
      },
      suggestion,
      warnings,
    });
  }

  for (const [key, prior] of portal.imported) {
    if (seen.has(key) || prior.goneAt) continue;
    const [mlflowModel, mlflowVersion] = key.split('\u0000');
    plan.gone.push({ id: prior.id, mlflowModel: mlflowModel!, mlflowVersion: mlflowVersion!, portal: prior.portal });
  }
  return plan;
}
