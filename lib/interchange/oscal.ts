// OSCAL 1.1.2 export: custom frameworks as catalogs, a framework selection
// as a profile, an audit as assessment-results. Pure (no database); the
// documents are validated against NIST's published OSCAL 1.1.2 JSON schema
// in oscal.test.ts (schema and notice in ./oscal-schema/). The statement
// shape is the one the OSCAL import writes (lib/requirements/logic/oscal.ts),
// so an exported catalog imports back with the same refs, titles and items.
import { createHash } from 'node:crypto';
import type { StatementNode } from '@/lib/requirements/queries';

export const OSCAL_VERSION = '1.1.2';

/** A name-based UUID (version 5 layout over SHA-256) so the same record gets the same uuid in every export. */
export function oscalUuid(...seed: string[]): string {
  const h = createHash('sha256').update(seed.join('|')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** An OSCAL token (letters, digits, `.`, `-`, `_`, starting with a letter or `_`) from a requirement's ref. */
export function oscalToken(ref: string): string {
  const t = ref
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .replace(/-{2,}/g, '-');
  return /^[\p{L}_]/u.test(t) ? t : `r-${t || 'x'}`;
}

/** OSCAL strings may not start or end with whitespace, and may not be empty. */
const s = (x: string | null | undefined, fallback = '—') => (x ?? '').trim() || fallback;

type Prop = { name: string; value: string; ns?: string; class?: string };

export type OscalContext = { organisation: string; generatedAt: string; baseUrl: string };
const nsOf = (ctx: OscalContext) => `${ctx.baseUrl}/ns/oscal`;
const party = (ctx: OscalContext) => ({ uuid: oscalUuid('party', ctx.organisation), type: 'organization' as const, name: s(ctx.organisation) });

function metadata(ctx: OscalContext, title: string, version: string, lastModified: string) {
  return {
    title: s(title),
    published: ctx.generatedAt,
    'last-modified': lastModified,
    version: s(version, '1'),
    'oscal-version': OSCAL_VERSION,
    roles: [{ id: 'creator', title: 'Document creator' }],
    parties: [party(ctx)],
    'responsible-parties': [{ 'role-id': 'creator', 'party-uuids': [party(ctx).uuid] }],
  };
}

// ---------- catalog ----------

export type CatalogInput = {
  framework: { id: string; key: string; name: string; version: string; description: string | null; updatedAt: string };
  requirements: { id: string; ref: string; title: string; summary: string; statement: StatementNode | null; group: string | null; area: string; aiSpecific: boolean }[];
};

type Part = { id: string; name: string; prose?: string; props?: Prop[]; parts?: Part[] };

function statementParts(controlId: string, node: StatementNode): Part {
  const used = new Set<string>();
  const walk = (n: StatementNode, parentId: string, i: number): Part => {
    let id = `${parentId}.${n.label ? oscalToken(n.label.replace(/[().]/g, '')) || String(i + 1) : String(i + 1)}`;
    while (used.has(id)) id = `${id}_`;
    used.add(id);
    return {
      id,
      name: 'item',
      ...(n.label ? { props: [{ name: 'label', value: s(n.label) }] } : {}),
      ...(n.text ? { prose: n.text } : {}),
      ...(n.items.length ? { parts: n.items.map((c, j) => walk(c, id, j)) } : {}),
    };
  };
  const stmtId = `${controlId}_smt`;
  return { id: stmtId, name: 'statement', ...(node.text ? { prose: node.text } : {}), ...(node.items.length ? { parts: node.items.map((c, j) => walk(c, stmtId, j)) } : {}) };
}

/** The OSCAL control id of each requirement, in the framework's order (refs that reduce to the same token get `_` appended). */
export function controlIdMap(requirements: { id: string; ref: string }[]): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const r of requirements) {
    let t = oscalToken(r.ref);
    while (taken.has(t)) t = `${t}_`;
    taken.add(t);
    ids.set(r.id, t);
  }
  return ids;
}

export function buildCatalog(ctx: OscalContext, d: CatalogInput) {
  const ns = nsOf(ctx);
  const ids = controlIdMap(d.requirements);
  const control = (r: CatalogInput['requirements'][number]) => {
    const id = ids.get(r.id)!;
    const statement = r.statement ? statementParts(id, r.statement) : { id: `${id}_smt`, name: 'statement', prose: s(r.summary, r.title) };
    return {
      id,
      title: s(r.title),
      props: [
        { name: 'label', value: s(r.ref) },
        { name: 'area', ns, value: r.area },
        { name: 'ai-specific', ns, value: String(r.aiSpecific) },
      ] satisfies Prop[],
      parts: [statement],
    };
  };
  const ungrouped = d.requirements.filter((r) => !r.group);
  const groups = new Map<string, CatalogInput['requirements']>();
  for (const r of d.requirements) if (r.group) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  return {
    catalog: {
      uuid: oscalUuid('catalog', d.framework.id, d.framework.updatedAt),
      metadata: {
        ...metadata(ctx, d.framework.name, d.framework.version, d.framework.updatedAt),
        props: [{ name: 'framework-key', ns, value: s(d.framework.key) }],
        ...(d.framework.description?.trim() ? { remarks: d.framework.description.trim() } : {}),
      },
      ...(ungrouped.length ? { controls: ungrouped.map(control) } : {}),
      ...(groups.size
        ? { groups: [...groups].map(([title, reqs], i) => ({ id: `g${i + 1}`, title: s(title), controls: reqs.map(control) })) }
        : {}),
    },
    /** The OSCAL control id of each requirement id (for profiles and assessment results). */
    controlIds: ids,
  };
}

// ---------- profile ----------

export type ProfileInput = {
  title: string;
  seed: string;
  lastModified: string;
  imports: { frameworkId: string; frameworkName: string; catalogHref: string; controlIds: string[] | 'all' }[];
};

export function buildProfile(ctx: OscalContext, d: ProfileInput) {
  const resources = d.imports.map((i) => ({ uuid: oscalUuid('profile-import', d.seed, i.frameworkId), title: s(i.frameworkName), rlinks: [{ href: i.catalogHref, 'media-type': 'application/oscal.catalog+json' }] }));
  return {
    profile: {
      uuid: oscalUuid('profile', d.seed, d.lastModified),
      metadata: metadata(ctx, d.title, '1', d.lastModified),
      imports: d.imports.map((i, n) => ({
        href: `#${resources[n].uuid}`,
        ...(i.controlIds === 'all' ? { 'include-all': {} } : { 'include-controls': [{ 'with-ids': i.controlIds.length ? i.controlIds : ['none'] }] }),
      })),
      merge: { 'as-is': true },
      'back-matter': { resources },
    },
  };
}

// ---------- assessment results ----------

export type AssessmentInput = {
  audit: { id: string; title: string; kind: string; standard: string; firm: string | null; periodStart: string; periodEnd: string; status: string; updatedAt: string };
  scope: { frameworks: string[]; systems: { id: string; name: string }[] };
  findings: {
    id: string;
    title: string;
    description: string;
    severity: string;
    status: string;
    createdAt: string;
    closedAt: string | null;
    remediationPlan: string | null;
    /** OSCAL control ids (in the framework catalogs) the finding is against, with their framework. */
    targets: { controlId: string; framework: string }[];
    history: { at: string; action: string; actor: string }[];
    evidence: { id: string; title: string; href: string; collectedAt: string }[];
  }[];
  /** Evidence of the audit not attached to a finding (requests, report). */
  otherEvidence: { id: string; title: string; href: string; collectedAt: string }[];
};

const RISK_STATUS: Record<string, string> = {
  OPEN: 'open',
  IN_REMEDIATION: 'remediating',
  READY_FOR_VERIFICATION: 'remediating',
  CLOSED: 'closed',
  RISK_ACCEPTED: 'deviation-approved',
};

export function buildAssessmentResults(ctx: OscalContext, d: AssessmentInput, assessmentPlanHref: string) {
  const ns = nsOf(ctx);
  const observation = (e: AssessmentInput['otherEvidence'][number]) => ({
    uuid: oscalUuid('observation', d.audit.id, e.id),
    title: s(e.title),
    description: s(e.title),
    methods: ['EXAMINE'],
    types: ['control-objective'],
    collected: e.collectedAt,
    'relevant-evidence': [{ href: e.href, description: s(e.title) }],
  });
  const observations = new Map<string, ReturnType<typeof observation>>();
  for (const f of d.findings) for (const e of f.evidence) observations.set(e.id, observation(e));
  for (const e of d.otherEvidence) if (!observations.has(e.id)) observations.set(e.id, observation(e));

  const risks = d.findings.map((f) => ({
    uuid: oscalUuid('risk', f.id),
    title: s(f.title),
    description: s(f.description, f.title),
    statement: s(f.description, f.title),
    props: [{ name: 'severity', ns, value: f.severity }],
    status: RISK_STATUS[f.status] ?? 'open',
    ...(f.remediationPlan?.trim()
      ? { remediations: [{ uuid: oscalUuid('remediation', f.id), lifecycle: 'planned', title: 'Remediation plan', description: f.remediationPlan.trim() }] }
      : {}),
    ...(f.history.length
      ? {
          'risk-log': {
            entries: f.history.map((h, i) => ({ uuid: oscalUuid('risk-log', f.id, String(i), h.at), title: s(h.action), start: h.at, description: `${s(h.action)} by ${s(h.actor)}` })),
          },
        }
      : {}),
  }));

  const findings = d.findings.flatMap((f) => {
    const targets = f.targets.length ? f.targets : [{ controlId: 'audit-scope', framework: '' }];
    return targets.map((t) => ({
      uuid: oscalUuid('finding', f.id, t.controlId),
      title: s(f.title),
      description: s(f.description, f.title),
      props: [
        { name: 'severity', ns, value: f.severity },
        { name: 'status', ns, value: f.status },
        ...(t.framework ? [{ name: 'framework', ns, value: s(t.framework) }] : []),
      ],
      target: {
        type: 'objective-id' as const,
        'target-id': t.controlId,
        status: { state: f.status === 'CLOSED' ? ('satisfied' as const) : ('not-satisfied' as const) },
      },
      ...(f.evidence.length ? { 'related-observations': f.evidence.map((e) => ({ 'observation-uuid': observations.get(e.id)!.uuid })) } : {}),
      'related-risks': [{ 'risk-uuid': oscalUuid('risk', f.id) }],
    }));
  });

  return {
    'assessment-results': {
      uuid: oscalUuid('assessment-results', d.audit.id, d.audit.updatedAt),
      metadata: {
        ...metadata(ctx, d.audit.title, '1', d.audit.updatedAt),
        props: [
          { name: 'audit-kind', ns, value: d.audit.kind },
          { name: 'audit-standard', ns, value: d.audit.standard },
          { name: 'audit-status', ns, value: d.audit.status },
          ...(d.audit.firm?.trim() ? [{ name: 'audit-firm', ns, value: d.audit.firm.trim() }] : []),
        ],
      },
      'import-ap': { href: assessmentPlanHref },
      results: [
        {
          uuid: oscalUuid('result', d.audit.id),
          title: s(d.audit.title),
          description: `Results of the ${d.audit.kind.toLowerCase()} audit "${s(d.audit.title)}" (${d.audit.standard}) over ${d.scope.frameworks.length ? d.scope.frameworks.join(', ') : 'the organisation'}${d.scope.systems.length ? ` for ${d.scope.systems.map((x) => x.name).join(', ')}` : ''}.`,
          start: d.audit.periodStart,
          end: d.audit.periodEnd,
          'reviewed-controls': { 'control-selections': [{ 'include-all': {} }] },
          ...(observations.size ? { observations: [...observations.values()] } : {}),
          ...(risks.length ? { risks } : {}),
          ...(findings.length ? { findings } : {}),
        },
      ],
    },
  };
}
