import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { rawPool } from '@/lib/db-raw';
import { AppError } from '@/lib/errors';
import { zodFieldErrors } from '@/lib/api/zod-errors';
import { constantTopFactor, checkExplanation } from './explanations';
import type { RawRecord } from './formats';
import { appendBatch, DuplicateRefsError, type NewDecision } from './log';
import { quickDecisionRecord } from './record-check';
import { decisionRecordSchema, type DecisionRecord, type IngestReport, type InvalidRecord } from './schema';
import { systemSettings } from './settings';

// Ingestion: a batch is accepted whole or refused whole with every bad
// record listed; decision ids already logged for the system are skipped
// (idempotent re-sending); the model version must be the one production
// served at the decision's time.

const FUTURE_SLACK_MS = 5 * 60_000;
const MAX_LISTED = 500;

type VersionAt = { modelId: string; versionId: string | null };

type ModelHistory = {
  id: string;
  versions: Map<string, { id: string; stage: string }>;
  /** Deployment events in time order: which version served from when. */
  events: { at: number; versionId: string | null }[];
};

async function modelHistories(orgId: string, systemId: string, keys: string[]): Promise<Map<string, ModelHistory>> {
  const models = await db.model.findMany({
    where: { orgId, systemId, key: { in: keys } },
    select: {
      id: true,
      key: true,
      versions: { select: { id: true, label: true, stage: true } },
      deployments: { select: { kind: true, versionId: true, at: true }, orderBy: { at: 'asc' } },
    },
  });
  return new Map(
    models.map((m) => [
      m.key,
      {
        id: m.id,
        versions: new Map(m.versions.map((v) => [v.label, { id: v.id, stage: v.stage }])),
        events: m.deployments.map((e) => ({ at: e.at.getTime(), versionId: e.kind === 'RETIREMENT' ? null : e.versionId })),
      },
    ]),
  );
}

function productionAt(history: ModelHistory, at: number): VersionAt {
  let versionId: string | null = null;
  for (const e of history.events) {
    if (e.at > at) break;
    versionId = e.versionId;
  }
  return { modelId: history.id, versionId };
}

const labelOf = (history: ModelHistory, versionId: string | null) =>
  versionId ? ([...history.versions].find(([, v]) => v.id === versionId)?.[0] ?? versionId) : null;

export async function ingestDecisions(actor: Actor, systemId: string, raw: RawRecord[]): Promise<IngestReport> {
  authorize(actor, 'decisions:write');
  const system = await db.aISystem.findFirst({ where: { id: systemId, orgId: actor.orgId }, select: { id: true } });
  if (!system) throw new AppError('NOT_FOUND', 'The AI system was not found.');
  if (raw.length === 0) throw new AppError('VALIDATION', 'The batch holds no decisions.', { fieldErrors: { body: ['Send at least one decision'] } });
  const settings = await systemSettings(actor.orgId, systemId);

  const errors: InvalidRecord[] = [];
  const refuse = (row: number, ref: string | null, reason: string) => errors.push({ row, ref, reason });
  const parsed: { row: number; record: DecisionRecord }[] = [];
  const seen = new Set<string>();
  for (const { row, value } of raw) {
    const ref = value && typeof value === 'object' && typeof (value as { decisionId?: unknown }).decisionId === 'string' ? (value as { decisionId: string }).decisionId : null;
    if (typeof value === 'symbol') {
      refuse(row, null, 'Not valid JSON');
      continue;
    }
    // The hand-written check takes the plainly valid records; anything else is the schema's to parse or refuse.
    let record = quickDecisionRecord(value);
    if (!record) {
      const result = decisionRecordSchema.safeParse(value);
      if (!result.success) {
        const fields = zodFieldErrors(result.error);
        refuse(row, ref, Object.entries(fields).map(([f, m]) => `${f}: ${m[0]}`).join('; '));
        continue;
      }
      record = result.data;
    }
    if (seen.has(record.decisionId)) {
      refuse(row, ref, 'decisionId: appears twice in this batch');
      continue;
    }
    seen.add(record.decisionId);
    parsed.push({ row, record });
  }

  const histories = await modelHistories(actor.orgId, systemId, [...new Set(parsed.map((p) => p.record.model))]);
  // One indexed read for the batch's subjects (a 10,000-value IN list through the model API costs more than the insert).
  const erased = new Set(
    (
      await rawPool().query<{ subjectRef: string }>('SELECT "subjectRef" FROM "DecisionSubject" WHERE "orgId" = $1 AND "subjectRef" = ANY($2::text[]) AND "erasedAt" IS NOT NULL', [
        actor.orgId,
        [...new Set(parsed.map((p) => p.record.subjectRef))],
      ])
    ).rows.map((s) => s.subjectRef),
  );
  const now = Date.now();
  const oldest = now - settings.retentionDays * 86_400_000;
  const prepared: NewDecision[] = [];
  const refs: string[] = [];
  let maxError = 0;
  const notAdditiveRefs: string[] = [];
  for (const { row, record: r } of parsed) {
    const at = Date.parse(r.timestamp);
    const history = histories.get(r.model);
    if (!history) {
      refuse(row, r.decisionId, `model: "${r.model}" is not a model of this AI system`);
      continue;
    }
    const version = history.versions.get(r.version);
    if (!version) {
      refuse(row, r.decisionId, `version: "${r.version}" is not a version of model "${r.model}"`);
      continue;
    }
    const served = productionAt(history, at);
    if (served.versionId !== version.id) {
      const actual = labelOf(history, served.versionId);
      refuse(row, r.decisionId, `version: "${r.version}" was not in production at ${r.timestamp}; ${actual ? `"${actual}" was` : 'no version was'}`);
      continue;
    }
    if (at > now + FUTURE_SLACK_MS) {
      refuse(row, r.decisionId, 'timestamp: is in the future');
      continue;
    }
    if (at < oldest) {
      refuse(row, r.decisionId, `timestamp: is older than the system's retention of ${settings.retentionDays} days`);
      continue;
    }
    if (erased.has(r.subjectRef)) {
      refuse(row, r.decisionId, 'subjectRef: this subject was erased; nothing more is logged about them');
      continue;
    }
    if (settings.highStakes && !r.explanation) {
      refuse(row, r.decisionId, 'explanation: required on every decision of a high-stakes system');
      continue;
    }
    const numeric = r.output.score ?? r.output.value;
    const check = checkExplanation(r.explanation, numeric, settings.tolerance);
    if (check.error !== null) maxError = Math.max(maxError, check.error);
    if (check.status === 'NOT_ADDITIVE' && notAdditiveRefs.length < 50) notAdditiveRefs.push(r.decisionId);
    refs.push(r.decisionId);
    prepared.push({
      ref: r.decisionId,
      modelId: history.id,
      versionId: version.id,
      decidedAt: new Date(at).toISOString(),
      subjectRef: r.subjectRef,
      features: r.features,
      output: r.output,
      score: numeric ?? null,
      confidence: r.confidence ?? null,
      outcome: r.decision,
      groupLabel: r.group || null,
      humanReviewed: r.human?.reviewed ?? false,
      overridden: r.human?.overridden ?? false,
      reviewer: r.human?.reviewer || null,
      overrideReason: r.human?.reason || null,
      latencyMs: r.latencyMs ?? null,
      explanation: r.explanation ?? null,
      explanationStatus: check.status,
      topFactor: check.topFactor,
    });
  }

  if (errors.length) {
    errors.sort((a, b) => a.row - b.row);
    throw new AppError('VALIDATION', `${errors.length} of ${raw.length} decisions were refused; nothing was stored. Correct them and send the batch again.`, {
      fieldErrors: { body: errors.slice(0, 5).map((e) => `row ${e.row}: ${e.reason}`) },
      details: { errors: errors.slice(0, MAX_LISTED), refused: errors.length, total: raw.length },
    });
  }

  const count = (s: string) => prepared.filter((p) => p.explanationStatus === s).length;
  const explanations = {
    valid: count('VALID'),
    unchecked: count('UNCHECKED'),
    notAdditive: count('NOT_ADDITIVE'),
    missing: count('MISSING'),
    maxAdditivityError: maxError,
    tolerance: settings.tolerance,
    notAdditiveRefs,
    constantTopFactor: constantTopFactor(prepared.map((p) => p.topFactor)),
  };

  let fresh = await newOnly(systemId, prepared);
  for (let attempt = 0; ; attempt++) {
    if (fresh.length === 0) return { batchId: null, accepted: 0, duplicates: prepared.length, explanations };
    try {
      const batch = await appendBatch({ orgId: actor.orgId, systemId, actorLabel: actor.label, tokenId: actor.tokenId, decisions: fresh, report: { explanations, duplicates: prepared.length - fresh.length }, actor });
      return { batchId: batch.batchId, accepted: fresh.length, duplicates: prepared.length - fresh.length, explanations };
    } catch (error) {
      if (!(error instanceof DuplicateRefsError) || attempt > 2) throw error;
      const taken = new Set(error.refs);
      fresh = fresh.filter((d) => !taken.has(d.ref));
    }
  }
}

async function newOnly(systemId: string, prepared: NewDecision[]): Promise<NewDecision[]> {
  const { rows } = await rawPool().query<{ ref: string }>('SELECT "ref" FROM "Decision" WHERE "systemId" = $1 AND "ref" = ANY($2::text[])', [systemId, prepared.map((p) => p.ref)]);
  if (rows.length === 0) return prepared;
  const taken = new Set(rows.map((r) => r.ref));
  return prepared.filter((p) => !taken.has(p.ref));
}
