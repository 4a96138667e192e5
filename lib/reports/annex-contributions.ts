import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { developmentDecisionsForSystem } from '@/lib/decisions/queries';
import { publicBaseUrl } from '@/lib/env';
import type { AnnexContribution } from './technical-documentation';

// What the risk register, monitoring and the development decision records add
// to a system's Annex IV points: the register's risks to point 5 (risk
// management system, Art. 9), each production version's monitor to points 3
// and 9 (functioning and control; post-market monitoring plan, Art. 72), the
// development decision records to point 2 (development process, Annex IV
// 2(b): design choices, their rationale and the trade-offs accepted). Read
// only what the reader may read.

const TREATMENT: Record<string, string> = { UNDECIDED: 'undecided', MITIGATE: 'mitigate', ACCEPT: 'accept', TRANSFER: 'transfer', AVOID: 'avoid' };

export async function riskRegisterContribution(actor: Actor, systemId: string): Promise<AnnexContribution[]> {
  if (!can(actor, 'risks:read')) return [];
  const risks = await db.risk.findMany({
    where: { orgId: actor.orgId, systems: { some: { systemId } } },
    orderBy: [{ status: 'asc' }, { inherentScore: 'desc' }, { ref: 'asc' }],
    take: 200,
    select: { ref: true, title: true, category: true, treatment: true, treatmentPlan: true, status: true, inherentScore: true, residualScore: true, nextReviewAt: true, owner: { select: { name: true } } },
  });
  if (!risks.length) {
    return [{ point: '5', complete: false, blocks: [{ kind: 'paragraph', text: `Risk register: no risk is linked to this system (${publicBaseUrl()}/risks).`, muted: true }] }];
  }
  const open = risks.filter((r) => r.status !== 'CLOSED');
  const undecided = open.filter((r) => r.treatment === 'UNDECIDED');
  return [
    {
      point: '5',
      complete: undecided.length === 0,
      blocks: [
        { kind: 'paragraph', text: `Risk register: ${risks.length} risk(s) linked to this system, ${open.length} open or accepted, ${undecided.length} without a treatment decision.` },
        {
          kind: 'table',
          caption: 'Risks of this system (risk register)',
          columns: ['Ref', 'Risk', 'Status', 'Treatment', 'Inherent', 'Residual', 'Owner', 'Next review (UTC)'],
          rows: risks.map((r) => [r.ref, r.title, r.status.toLowerCase(), `${TREATMENT[r.treatment] ?? r.treatment}${r.treatmentPlan ? `: ${r.treatmentPlan}` : ''}`, r.inherentScore, r.residualScore ?? '—', r.owner.name, r.nextReviewAt.toISOString().slice(0, 10)]),
          widths: [0.8, 2.4, 0.9, 2.4, 0.8, 0.8, 1.2, 1.1],
          align: ['left', 'left', 'left', 'left', 'right', 'right', 'left', 'left'],
        },
      ],
    },
  ];
}

export async function monitoringContribution(actor: Actor, systemId: string): Promise<AnnexContribution[]> {
  if (!can(actor, 'monitoring:read')) return [];
  const versions = await db.modelVersion.findMany({
    where: { orgId: actor.orgId, stage: 'PRODUCTION', model: { systemId } },
    orderBy: [{ model: { name: 'asc' } }],
    select: {
      id: true,
      label: true,
      model: { select: { name: true } },
      monitor: { select: { cadenceHours: true, missingAfterHours: true, escalateAfterDays: true, reviewer: true, reviewCadence: true, health: true, lastWindowEnd: true, metrics: { select: { name: true, attribute: true, direction: true, threshold: true } } } },
    },
  });
  if (!versions.length) return [];
  const base = publicBaseUrl();
  const rows = versions.map((v) => {
    const m = v.monitor;
    return [
      `${v.model.name} ${v.label}`,
      m ? m.metrics.map((x) => `${x.name}${x.attribute ? ` by ${x.attribute}` : ''} ${x.direction === 'AT_MOST' ? '≤' : '≥'} ${x.threshold}`).join('; ') || 'no metric' : 'no monitor',
      m ? `every ${m.cadenceHours} h (missing after ${m.missingAfterHours} h, escalated after ${m.escalateAfterDays} d)` : '—',
      m ? [m.reviewer, m.reviewCadence].filter(Boolean).join(', ') || 'not named' : '—',
      m ? `${m.health.toLowerCase().replace(/_/g, ' ')}${m.lastWindowEnd ? `, last data ${m.lastWindowEnd.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}` : '—',
    ];
  });
  const complete = versions.every((v) => v.monitor && v.monitor.metrics.length > 0 && v.monitor.reviewer.trim() !== '');
  const table = (caption: string) => ({ kind: 'table' as const, caption, columns: ['Production version', 'Watched metrics and thresholds', 'Data cadence', 'Reviewer and cadence', 'Health'], rows, widths: [1.4, 3, 1.8, 1.6, 1.4] });
  const plans = versions.filter((v) => v.monitor).map((v) => `${v.model.name} ${v.label}: ${base}/monitoring/${v.id}/plan`);
  return [
    { point: '3', complete, blocks: [table('Monitoring of the production versions')] },
    { point: '9', complete, blocks: [table('Post-market monitoring plan of each production version'), ...(plans.length ? [{ kind: 'list' as const, items: plans }] : [])] },
  ];
}

export async function developmentDecisionContribution(actor: Actor, systemId: string): Promise<AnnexContribution[]> {
  if (!can(actor, 'decisions:read')) return [];
  const { records, models } = await developmentDecisionsForSystem(actor, systemId);
  if (!models.length) return [];
  const base = publicBaseUrl();
  const without = models.filter((m) => !records.some((r) => r.model.id === m.id));
  const link = `${base}/decisions/development${without.length ? `?modelId=${encodeURIComponent(without[0].id)}` : ''}`;
  const rationale = (r: (typeof records)[number]) =>
    [r.context, r.alternatives && `Alternatives considered: ${r.alternatives}`, r.consequences && `Consequences: ${r.consequences}`].filter((x) => x && x.trim()).join(' ');
  return [
    {
      point: '2',
      complete: without.length === 0,
      link,
      blocks: [
        records.length
          ? { kind: 'paragraph', text: `Development decision records: ${records.length} record(s) for ${models.length - without.length} of ${models.length} model(s)${without.length ? `; none yet for ${without.map((m) => m.name).join(', ')} (${link})` : ''}.` }
          : { kind: 'paragraph', text: `Development decision records: none recorded for the models of this system (${link}).`, muted: true },
        ...(records.length
          ? [
              {
                kind: 'table' as const,
                caption: 'Development decision records',
                columns: ['Decided (UTC)', 'Model and version', 'Record', 'Decision', 'Rationale', 'Approved by'],
                rows: records.map((r) => [
                  r.decidedAt.slice(0, 10),
                  `${r.model.name} ${r.version ? r.version.label : '(every version)'}`,
                  r.title,
                  r.decision,
                  rationale(r) || '—',
                  `${r.approver.name}${r.createdBy && r.createdBy !== r.approver.name ? ` (recorded by ${r.createdBy})` : ''}`,
                ]),
                widths: [1.7, 1.4, 1.6, 2.2, 2.5, 1.4],
              },
            ]
          : []),
      ],
    },
  ];
}
