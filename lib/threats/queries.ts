import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { atlas, mitigationLabel, techniqueLabel } from './atlas';
import { listThreatModelsQuerySchema, type ThreatModelDetail } from './schema';
import { THREAT_COMPONENT_KEYS } from './components';

const OPEN = ['IDENTIFIED', 'MITIGATING'] as const;

export async function listThreatModels(actor: Actor, input: Record<string, unknown> = {}) {
  authorize(actor, 'risks:read');
  const q = listThreatModelsQuerySchema.parse(input);
  const where = { orgId: actor.orgId, ...(q.q ? { system: { name: { contains: q.q, mode: 'insensitive' as const } } } : {}) };
  const [rows, total] = await Promise.all([
    db.threatModel.findMany({
      where,
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: { id: true, systemId: true, components: true, atlasVersion: true, updatedAt: true, system: { select: { name: true, riskTier: true } }, _count: { select: { entries: true } } },
    }),
    db.threatModel.count({ where }),
  ]);
  const open = rows.length
    ? await db.threatEntry.groupBy({ by: ['threatModelId'], where: { threatModelId: { in: rows.map((r) => r.id) }, status: { in: [...OPEN] } }, _count: { _all: true } })
    : [];
  const openBy = new Map(open.map((o) => [o.threatModelId, o._count._all]));
  return {
    items: rows.map((r) => ({
      id: r.id, systemId: r.systemId, systemName: r.system.name, riskTier: r.system.riskTier, components: r.components, atlasVersion: r.atlasVersion,
      entries: r._count.entries, open: openBy.get(r.id) ?? 0, updatedAt: r.updatedAt.toISOString(),
    })),
    total,
    atlasVersion: atlas().version,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getThreatModel(actor: Actor, id: string): Promise<ThreatModelDetail> {
  authorize(actor, 'risks:read');
  const m = await db.threatModel.findFirst({
    where: { id, orgId: actor.orgId },
    select: {
      id: true, systemId: true, components: true, summary: true, atlasVersion: true, updatedAt: true,
      system: { select: { name: true, riskTier: true, businessOwnerId: true, technicalOwnerId: true } },
      entries: {
        orderBy: [{ techniqueId: 'asc' }, { component: 'asc' }],
        select: {
          id: true, techniqueId: true, component: true, likelihood: true, impact: true, status: true, atlasMitigationIds: true, notes: true,
          controls: { select: { control: { select: { id: true, key: true, name: true } } } },
          risks: { select: { risk: { select: { id: true, ref: true, title: true } } } },
        },
      },
    },
  });
  if (!m) throw notFound('The threat model');
  const lib = atlas();
  const entries = m.entries.map((e) => {
    const t = lib.techniques.get(e.techniqueId);
    const suggested = [...lib.mitigations.values()].filter((x) => x.techniqueIds.includes(e.techniqueId) || (t?.parentId && x.techniqueIds.includes(t.parentId)));
    return {
      id: e.id, techniqueId: e.techniqueId, techniqueLabel: techniqueLabel(lib, e.techniqueId), tacticIds: t?.tacticIds ?? [], component: e.component,
      likelihood: e.likelihood, impact: e.impact, score: e.likelihood * e.impact, status: e.status,
      atlasMitigations: e.atlasMitigationIds.map((mid) => ({ id: mid, label: mitigationLabel(lib, mid) })),
      controls: e.controls.map((c) => ({ id: c.control.id, label: `${c.control.key} ${c.control.name}` })),
      risks: e.risks.map((r) => ({ id: r.risk.id, label: `${r.risk.ref} ${r.risk.title}` })),
      notes: e.notes,
      suggestedMitigations: suggested.map((x) => ({ id: x.id, label: `${x.id} ${x.name}` })),
    };
  });
  // A technique counts as mitigated under a tactic when it names an ATLAS mitigation or a control; "not applicable" leaves it out.
  const coverage = lib.tactics.map((tactic) => {
    const under = entries.filter((e) => e.tacticIds.includes(tactic.id) && e.status !== 'NOT_APPLICABLE');
    return { tacticId: tactic.id, tacticName: tactic.name, techniques: under.length, unmitigated: under.filter((e) => !e.atlasMitigations.length && !e.controls.length).length };
  });
  const owners = [m.system.businessOwnerId, m.system.technicalOwnerId].filter((x): x is string => !!x);
  return {
    id: m.id, systemId: m.systemId, systemName: m.system.name, riskTier: m.system.riskTier, components: m.components.filter((c) => THREAT_COMPONENT_KEYS.includes(c)),
    atlasVersion: m.atlasVersion, currentAtlasVersion: lib.version, updatedAt: m.updatedAt.toISOString(), summary: m.summary,
    entries, coverage, capabilities: { edit: can(actor, 'threats:manage', { ownerIds: owners }) },
  };
}

/** The create form is compliance's; a system's owners start theirs through the API (the mutation checks ownership). */
export function threatCapabilities(actor: Actor) {
  return { create: can(actor, 'threats:manage') };
}
