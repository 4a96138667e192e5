import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { getMonitoringPlan } from '@/lib/monitoring/queries';
import type { ReportDocument } from './document';

const sign = (d: string) => (d === 'AT_MOST' ? '≤' : '≥');
const n = (v: number | null) => (v === null ? '—' : Number(v.toFixed(4)));

/** The post-market monitoring plan of one version (EU AI Act Art. 72(3)): what is watched, how often, who reviews, what it is evidence for. */
export async function monitoringPlanDocument(actor: Actor, versionId: string, opts: { now: Date; locale: { tag: string; timeZone?: string } }) {
  const [plan, org] = await Promise.all([getMonitoringPlan(actor, versionId), db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { name: true } })]);
  const doc: ReportDocument = {
    kind: 'monitoring_plan',
    title: `Post-market monitoring plan: ${plan.model.name} ${plan.version}`,
    subtitle: `${plan.system.name} (${plan.system.riskTier.toLowerCase()} risk)`,
    orgName: org.name,
    generatedAt: opts.now,
    locale: opts.locale,
    toc: false,
    sections: [
      {
        title: 'Scope and responsibilities',
        level: 1,
        blocks: [
          {
            kind: 'fields',
            rows: [
              ['AI system', plan.system.name],
              ['Model version', `${plan.model.name} ${plan.version}`],
              ['Model owner (acknowledges alerts)', plan.owner],
              ['Who reviews', plan.reviewer || 'Not stated'],
              ['Review cadence', plan.reviewCadence || 'Not stated'],
              ['Data cadence', `A window every ${plan.cadenceHours} h`],
              ['Missing data', `An alert after ${plan.missingAfterHours} h without a window`],
              ['Escalation', `A breach unacknowledged for ${plan.escalateAfterDays} days goes to the business owner and compliance`],
              ['Protected attributes', plan.groupAttributes.join(', ') || 'None'],
            ],
          },
        ],
      },
      {
        title: 'Metrics watched',
        level: 1,
        blocks: plan.metrics.length
          ? [
              { kind: 'paragraph', text: 'A warning opens when a value has gone the warning ratio (80 % unless stated) of the way from the ideal to the threshold; a breach past the threshold. A fairness breach for a protected group opens an incident.' },
              { kind: 'table', caption: 'Metrics', columns: ['Metric', 'Per group of', 'Threshold', 'Warning from', 'Baseline', 'Fairness'], rows: plan.metrics.map((m) => [m.name, m.attribute || 'overall', `${sign(m.direction)} ${m.threshold}`, n(m.warningAt), n(m.baseline), m.fairness ? 'yes' : 'no']) },
            ]
          : [{ kind: 'paragraph', text: 'No metric is watched.', muted: true }],
      },
      {
        title: 'Data drift',
        level: 1,
        blocks: plan.features.length
          ? [{ kind: 'table', caption: 'Features', columns: ['Feature', 'Kind', 'Role', 'Method', 'Threshold'], rows: plan.features.map((f) => [f.name, f.kind.toLowerCase(), f.role.toLowerCase(), f.method, f.threshold]) }]
          : [{ kind: 'paragraph', text: 'No reference distribution is uploaded.', muted: true }],
      },
      {
        title: 'Requirements this plan is evidence for',
        level: 1,
        blocks: [{ kind: 'table', caption: 'Requirements', columns: ['Framework', 'Reference', 'Requirement'], rows: plan.requirements.map((r) => [r.framework, r.ref, r.title]) }],
      },
    ],
  };
  return { plan, doc };
}
