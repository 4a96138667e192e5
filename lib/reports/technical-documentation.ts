import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { publicBaseUrl } from '@/lib/env';
import { notFound } from '@/lib/errors';
import { CARD_SECTIONS } from '@/lib/models/schema';
import { cardOf } from '@/lib/models/queries';
import { authorizeSystemExport } from './access';
import type { Block, Completeness, ReportDocument, Section } from './document';
import { developmentDecisionContribution, monitoringContribution, riskRegisterContribution } from './annex-contributions';

/**
 * EU AI Act technical documentation (Art. 11, Annex IV) of a high-risk AI
 * system, assembled from the registry. Each Annex IV point says whether the
 * portal holds what it asks for (complete / incomplete / missing) and links to
 * where it is filled in. Other domains (risk register, monitoring plans,
 * development decision records) add their part in `ANNEX_CONTRIBUTORS` below;
 * the rest is assembled from the registry and the EU AI Act matrix cells
 * (Art. 9, 14, 47, 72) the compliance team assesses.
 */
export const ANNEX_IV_POINTS = [
  ['1', 'General description of the AI system'],
  ['2', 'Elements of the AI system and its development process'],
  ['3', 'Monitoring, functioning and control'],
  ['4', 'Appropriateness of the performance metrics'],
  ['5', 'Risk management system (Art. 9)'],
  ['6', 'Changes through the lifecycle'],
  ['7', 'Harmonised standards and other specifications applied'],
  ['8', 'EU declaration of conformity (Art. 47)'],
  ['9', 'Post-market monitoring plan (Art. 72)'],
] as const;
export type AnnexPoint = (typeof ANNEX_IV_POINTS)[number][0];

export type AnnexContribution = {
  point: AnnexPoint;
  blocks: Block[];
  /** true: the contribution fulfils its part of the point. */
  complete: boolean;
  /** Where the contribution is filled in: the point links there when it is all the point lacks. */
  link?: string;
};
/** Later domains register here: (actor, systemId) => what they hold for Annex IV points. */
export const ANNEX_CONTRIBUTORS: ((actor: Actor, systemId: string) => Promise<AnnexContribution[]>)[] = [riskRegisterContribution, monitoringContribution, developmentDecisionContribution];

const has = (s: string | null | undefined) => Boolean(s && s.trim());
const grade = (checks: boolean[]): Completeness => (checks.every(Boolean) ? 'complete' : checks.some(Boolean) ? 'incomplete' : 'missing');
const cellText = (c: { status: string; justification: string | null; notes: string | null } | undefined) =>
  c ? [c.status.replace(/_/g, ' ').toLowerCase(), c.justification, c.notes].filter(has).join(' — ') : 'not assessed';

export async function assembleTechnicalDocumentation(actor: Actor, systemId: string, opts: { now?: Date; locale?: { tag: string; timeZone?: string } } = {}) {
  const system = await db.aISystem.findFirst({
    where: { id: systemId, orgId: actor.orgId },
    select: {
      id: true,
      name: true,
      purpose: true,
      domain: true,
      regions: true,
      riskTier: true,
      roles: true,
      status: true,
      businessOwnerId: true,
      technicalOwnerId: true,
      businessOwner: { select: { name: true } },
      technicalOwner: { select: { name: true } },
      frameworks: { where: { confirmed: true }, select: { framework: { select: { key: true, name: true, version: true, kind: true } } } },
    },
  });
  if (!system) throw notFound('The AI system');
  await authorizeSystemExport(actor, system.id);
  const base = publicBaseUrl();
  const [org, models, cells, incidents] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { name: true } }),
    db.model.findMany({
      where: { orgId: actor.orgId, systemId: system.id },
      orderBy: { name: 'asc' },
      select: {
        key: true,
        name: true,
        purpose: true,
        owner: { select: { name: true } },
        deployments: { orderBy: { at: 'asc' }, select: { kind: true, at: true, reason: true, version: { select: { label: true } }, fromVersion: { select: { label: true } }, actor: { select: { name: true } } } },
        versions: {
          orderBy: { createdAt: 'asc' },
          select: {
            label: true,
            stage: true,
            createdAt: true,
            framework: true,
            artifactUri: true,
            artifactDigest: true,
            hyperparameters: true,
            modelCard: true,
            notes: true,
            createdBy: { select: { name: true } },
            metrics: { select: { name: true, value: true, threshold: true, direction: true }, orderBy: { name: 'asc' } },
            groupResults: { select: { attribute: true, groupValue: true, count: true, accuracy: true, selectionRate: true }, orderBy: [{ attribute: 'asc' }, { groupValue: 'asc' }] },
            robustness: { select: { method: true, metric: true, cleanValue: true, attackedValue: true } },
            signOffs: { select: { role: true, at: true, user: { select: { name: true } } } },
            attestation: { select: { signedAt: true } },
            datasets: { select: { role: true, transformation: true, steps: true, dataset: { select: { id: true, name: true, classification: true, ownerId: true, source: true, personalData: true } } } },
          },
        },
      },
    }),
    db.matrixCell.findMany({
      where: { systemId: system.id, requirement: { framework: { key: 'eu-ai-act' } } },
      select: { status: true, justification: true, notes: true, requirement: { select: { id: true, ref: true } } },
    }),
    db.incident.findMany({ where: { orgId: actor.orgId, systems: { some: { id: system.id } } }, orderBy: { detectedAt: 'desc' }, take: 50, select: { id: true, title: true, severity: true, status: true, detectedAt: true } }),
  ]);
  const contributions = (await Promise.all(ANNEX_CONTRIBUTORS.map((c) => c(actor, system.id)))).flat();
  const cell = (ref: string) => cells.find((c) => c.requirement.ref === ref);
  const cellLink = (ref: string) => {
    const c = cell(ref);
    return c ? `${base}/requirements/items/${c.requirement.id}` : `${base}/requirements?system=${system.id}`;
  };
  const assessed = (ref: string) => {
    const c = cell(ref);
    return Boolean(c && c.status !== 'NOT_ASSESSED' && (has(c.justification) || has(c.notes) || c.status === 'COMPLIANT'));
  };
  // The version the documentation describes: production, else the newest.
  const described = models.map((m) => ({ model: m, version: m.versions.find((v) => v.stage === 'PRODUCTION') ?? m.versions[m.versions.length - 1] ?? null }));
  const versionLink = (key: string, label?: string) => (label ? `${base}/models/${key}/versions/${label}` : `${base}/models/${key}`);
  const systemLink = `${base}/requirements/systems`;
  const sections: Section[] = [];
  const push = (point: AnnexPoint, status: Completeness, link: string, blocks: Block[]) => {
    const extra = contributions.filter((c) => c.point === point);
    const title = ANNEX_IV_POINTS.find(([p]) => p === point)![1];
    const finalStatus: Completeness = extra.length ? (status === 'complete' && extra.every((e) => e.complete) ? 'complete' : extra.some((e) => e.complete) || status !== 'missing' ? 'incomplete' : 'missing') : status;
    const lacking = status === 'complete' ? extra.find((e) => !e.complete && e.link) : undefined;
    sections.push({ title: `Annex IV point ${point}: ${title}`, level: 1, status: finalStatus, link: lacking?.link ?? link, blocks: [...blocks, ...extra.flatMap((e) => e.blocks)] });
  };

  // 1. General description.
  const cards = described.map((d) => ({ ...d, card: d.version ? cardOf(d.version) : {} }));
  push('1', grade([has(system.purpose), cards.length > 0 && cards.every((c) => has(c.card.intendedUse) && has(c.card.modelDetails))]), cards[0]?.version ? `${versionLink(cards[0].model.key, cards[0].version.label)}/card` : systemLink, [
    {
      kind: 'fields',
      rows: [
        ['AI system', system.name],
        ['Intended purpose', system.purpose || '—'],
        ['Provider', org.name],
        ['Business domain', system.domain],
        ['Regions', system.regions.join(', ') || '—'],
        ['Risk tier (EU AI Act)', system.riskTier],
        ['Role of the organisation', system.roles.join(', ') || 'not stated'],
        ['Lifecycle status', system.status.replace(/_/g, ' ').toLowerCase()],
        ['Business owner', system.businessOwner?.name ?? '—'],
        ['Technical owner', system.technicalOwner?.name ?? '—'],
      ],
    },
    ...cards.flatMap(({ model, version, card }): Block[] => [
      { kind: 'paragraph', text: `Model ${model.name} (${model.key})${version ? `, version ${version.label} (${version.stage.toLowerCase()})` : ', no version registered'}: ${model.purpose}` },
      ...(['modelDetails', 'intendedUse', 'outOfScopeUses'] as const).map((k): Block => ({ kind: 'paragraph', text: `${CARD_SECTIONS.find(([s]) => s === k)![1]}: ${card[k]?.trim() || 'not written'}` })),
    ]),
  ]);

  // 2. Elements and development process.
  const dev = described.filter((d) => d.version);
  const lineageOk = dev.length > 0 && dev.every((d) => d.version!.datasets.length > 0 && d.version!.datasets.every((u) => has(u.transformation) || u.steps.length > 0));
  const hyperOk = dev.length > 0 && dev.every((d) => Object.keys((d.version!.hyperparameters as object) ?? {}).length > 0);
  const artifactOk = dev.length > 0 && dev.every((d) => has(d.version!.artifactDigest) && has(d.version!.framework));
  push('2', grade([lineageOk, hyperOk, artifactOk]), dev[0] ? versionLink(dev[0].model.key, dev[0].version!.label) : `${base}/models`, [
    ...dev.flatMap(({ model, version }): Block[] => {
      const v = version!;
      const card = cardOf(v);
      return [
        { kind: 'fields', rows: [['Model', `${model.name} ${v.label}`], ['Framework', v.framework || '—'], ['Artifact', v.artifactUri ?? '—'], ['Artifact SHA-256', v.artifactDigest ?? 'missing'], ['Registered', `${v.createdAt.toISOString().slice(0, 10)} by ${v.createdBy.name}`]] },
        {
          kind: 'table',
          caption: `Hyperparameters of ${model.name} ${v.label}`,
          columns: ['Parameter', 'Value'],
          rows: Object.entries((v.hyperparameters as Record<string, unknown>) ?? {}).map(([k, val]) => [k, typeof val === 'string' ? val : JSON.stringify(val)]),
        },
        {
          kind: 'table',
          caption: `Datasets and lineage of ${model.name} ${v.label}`,
          columns: ['Dataset', 'Role', 'Classification', 'Source', 'Transformation and steps'],
          rows: v.datasets.map((u) => {
            const restricted = u.dataset.classification === 'RESTRICTED' && !can(actor, 'datasets:restricted', { ownerIds: [u.dataset.ownerId] });
            return [u.dataset.name, u.role.toLowerCase(), u.dataset.classification.toLowerCase(), restricted ? 'restricted' : u.dataset.source || '—', restricted ? 'restricted' : [u.transformation, ...u.steps].filter(has).join('; ') || '—'];
          }),
          widths: [2, 1, 1.2, 1.6, 3],
        },
        { kind: 'paragraph', text: `Training data: ${card.trainingData?.trim() || 'not written'}` },
        { kind: 'paragraph', text: `Evaluation data: ${card.evaluationData?.trim() || 'not written'}` },
      ];
    }),
  ]);

  // 3. Monitoring, functioning and control.
  const groupsOk = dev.length > 0 && dev.every((d) => d.version!.groupResults.length > 0);
  const limitsOk = dev.length > 0 && dev.every((d) => has(cardOf(d.version!).limitations));
  push('3', grade([limitsOk, groupsOk, assessed('Art. 14')]), cellLink('Art. 14'), [
    { kind: 'paragraph', text: `Human oversight (Art. 14): ${cellText(cell('Art. 14'))}` },
    ...dev.flatMap(({ model, version }): Block[] => {
      const v = version!;
      const card = cardOf(v);
      return [
        { kind: 'paragraph', text: `Known limitations of ${model.name} ${v.label}: ${card.limitations?.trim() || 'not written'}` },
        {
          kind: 'table',
          caption: `Results per group of ${model.name} ${v.label}`,
          columns: ['Attribute', 'Group', 'Count', 'Accuracy', 'Selection rate'],
          rows: v.groupResults.map((g) => [g.attribute, g.groupValue, g.count, g.accuracy ?? '—', g.selectionRate ?? '—']),
          align: ['left', 'left', 'right', 'right', 'right'],
        },
      ];
    }),
  ]);

  // 4. Performance metrics.
  const metricsOk = dev.length > 0 && dev.every((d) => d.version!.metrics.length > 0 && d.version!.metrics.every((m) => m.threshold != null));
  const metricsWhy = dev.length > 0 && dev.every((d) => has(cardOf(d.version!).metrics));
  push('4', grade([metricsOk, metricsWhy]), dev[0] ? versionLink(dev[0].model.key, dev[0].version!.label) : `${base}/models`, [
    ...dev.flatMap(({ model, version }): Block[] => [
      {
        kind: 'table',
        caption: `Performance metrics of ${model.name} ${version!.label}`,
        columns: ['Metric', 'Value', 'Threshold', 'Meets'],
        rows: version!.metrics.map((m) => [m.name, m.value, m.threshold == null ? '—' : `${m.direction === 'AT_MOST' ? '≤' : '≥'} ${m.threshold}`, m.threshold == null ? '—' : (m.direction === 'AT_MOST' ? m.value <= m.threshold : m.value >= m.threshold) ? 'yes' : 'no']),
        align: ['left', 'right', 'right', 'left'],
      },
      { kind: 'paragraph', text: `Why these metrics: ${cardOf(version!).metrics?.trim() || 'not written'}` },
      ...(version!.robustness.length
        ? [{ kind: 'table' as const, caption: `Robustness of ${model.name} ${version!.label}`, columns: ['Method', 'Metric', 'Clean', 'Attacked'], rows: version!.robustness.map((r) => [r.method, r.metric, r.cleanValue, r.attackedValue]) }]
        : []),
    ]),
  ]);

  // 5. Risk management system.
  push('5', grade([assessed('Art. 9')]), cellLink('Art. 9'), [{ kind: 'paragraph', text: `Risk management system (Art. 9): ${cellText(cell('Art. 9'))}` }]);

  // 6. Changes through the lifecycle.
  const history = models.flatMap((m) => [
    ...m.versions.map((v) => ({ at: v.createdAt, text: `${m.name} ${v.label} registered by ${v.createdBy.name}${v.notes ? `: ${v.notes}` : ''}` })),
    ...m.deployments.map((d) => ({ at: d.at, text: `${m.name}: ${d.kind.toLowerCase()} ${d.fromVersion ? `${d.fromVersion.label} → ` : ''}${d.version?.label ?? ''}${d.reason ? ` (${d.reason})` : ''} by ${d.actor?.name ?? 'system'}` })),
  ]).sort((a, b) => a.at.getTime() - b.at.getTime());
  push('6', history.length ? 'complete' : 'missing', models[0] ? versionLink(models[0].key) : `${base}/models`, [
    { kind: 'table', caption: 'Version history', columns: ['Date (UTC)', 'Change'], rows: history.map((h) => [h.at.toISOString().slice(0, 10), h.text]), widths: [1, 5] },
  ]);

  // 7. Standards applied.
  push('7', system.frameworks.length ? 'complete' : 'missing', systemLink, [
    { kind: 'table', caption: 'Frameworks confirmed for the system', columns: ['Framework', 'Kind', 'Version'], rows: system.frameworks.map((f) => [f.framework.name, f.framework.kind.toLowerCase(), f.framework.version]) },
  ]);

  // 8. EU declaration of conformity.
  const signed = dev.flatMap((d) => d.version!.signOffs);
  push('8', grade([assessed('Art. 47'), signed.length > 0, system.frameworks.length > 0]), cellLink('Art. 47'), [
    {
      kind: 'fields',
      rows: [
        ['AI system name and type', `${system.name} (${system.riskTier.toLowerCase()}-risk)`],
        ['Provider', org.name],
        ['Statement of sole responsibility', assessed('Art. 47') ? cellText(cell('Art. 47')) : 'not recorded'],
        ['Conformity with the Regulation', cellText(cell('Art. 47'))],
        ['Standards and specifications referenced', system.frameworks.map((f) => f.framework.name).join(', ') || '—'],
        ['Approvals of the described versions', signed.map((s) => `${s.role.toLowerCase().replace(/_/g, ' ')}: ${s.user.name}, ${s.at.toISOString().slice(0, 10)}`).join('; ') || '—'],
      ],
    },
  ]);

  // 9. Post-market monitoring plan.
  push('9', grade([assessed('Art. 72')]), cellLink('Art. 72'), [
    { kind: 'paragraph', text: `Post-market monitoring (Art. 72): ${cellText(cell('Art. 72'))}` },
    { kind: 'table', caption: 'Incidents on the system', columns: ['Detected (UTC)', 'Incident', 'Severity', 'Status'], rows: incidents.map((i) => [i.detectedAt.toISOString().slice(0, 10), i.title, i.severity, i.status]), widths: [1.2, 4, 1, 1.2] },
  ]);

  const doc: ReportDocument = {
    kind: 'technical-documentation',
    title: `Technical documentation: ${system.name}`,
    subtitle: 'EU AI Act Article 11 and Annex IV',
    orgName: org.name,
    generatedAt: opts.now ?? new Date(),
    locale: opts.locale ?? { tag: 'en-GB', timeZone: 'UTC' },
    toc: true,
    sections: [
      {
        title: 'Completeness',
        level: 1,
        blocks: [{ kind: 'table', caption: 'Annex IV points', columns: ['Point', 'Status', 'Where it is filled in'], rows: sections.map((s) => [s.title.replace(/^Annex IV point /, ''), s.status!, s.link ?? '—']), widths: [3, 1, 3] }],
      },
      ...sections,
    ],
  };
  return { system: { id: system.id, name: system.name, riskTier: system.riskTier }, document: doc, points: sections.map((s, i) => ({ point: ANNEX_IV_POINTS[i][0], title: ANNEX_IV_POINTS[i][1], status: s.status!, link: s.link! })) };
}
