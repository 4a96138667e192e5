import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { complianceDashboard } from '@/lib/dashboards/queries';
import { quarterOf } from '@/lib/quarter';
import { authorizeOrgExport } from './access';
import { barChart, lineChart } from './charts';
import type { ReportDocument, Section } from './document';

const pct = (n: number, d: number) => (d ? Math.round((n / d) * 100) : 0);

/**
 * The board / quarterly report: posture by framework, trend over closed
 * reviews, top risks, incidents, models in production and monitoring status.
 * Its figures come from the compliance dashboard's own queries
 * (lib/dashboards), so the report and the home screen agree.
 */
export async function boardReportData(actor: Actor) {
  authorizeOrgExport(actor);
  const dash = await complianceDashboard(actor);
  const [org, topFindings, openIncidents, production, monitors, registerRisks] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { name: true } }),
    db.finding.findMany({
      where: { orgId: actor.orgId, status: { notIn: ['CLOSED', 'RISK_ACCEPTED'] }, severity: { in: ['CRITICAL', 'HIGH'] } },
      orderBy: [{ severity: 'asc' }, { createdAt: 'asc' }],
      take: 10,
      select: { title: true, severity: true, status: true, dueDate: true, owner: { select: { name: true } } },
    }),
    db.incident.findMany({ where: { orgId: actor.orgId, status: { notIn: ['RESOLVED', 'CLOSED'] } }, orderBy: [{ severity: 'asc' }, { detectedAt: 'desc' }], take: 20, select: { title: true, severity: true, status: true, detectedAt: true } }),
    db.modelVersion.findMany({ where: { orgId: actor.orgId, stage: 'PRODUCTION' }, orderBy: { model: { name: 'asc' } }, take: 200, select: { label: true, model: { select: { name: true, system: { select: { name: true, riskTier: true } } } } } }),
    db.monitor.groupBy({ by: ['health'], where: { orgId: actor.orgId }, _count: { _all: true } }),
    // The risk register's highest risks (residual score, else inherent), beside the open findings.
    db.risk.findMany({
      where: { orgId: actor.orgId, status: { not: 'CLOSED' } },
      orderBy: [{ inherentScore: 'desc' }, { ref: 'asc' }],
      take: 200,
      select: { ref: true, title: true, status: true, treatment: true, inherentScore: true, residualScore: true, owner: { select: { name: true } }, systems: { select: { system: { select: { name: true } } } } },
    }),
  ]);
  const topRegisterRisks = registerRisks
    .map((r) => ({ ref: r.ref, title: r.title, status: r.status, treatment: r.treatment, score: r.residualScore ?? r.inherentScore, residual: r.residualScore != null, owner: r.owner.name, systems: r.systems.map((x) => x.system.name).join(', ') || '—' }))
    .sort((a, b) => b.score - a.score || a.ref.localeCompare(b.ref))
    .slice(0, 10);
  const posture = dash.posture.map((p) => {
    const assessed = p.COMPLIANT + p.PARTIALLY_COMPLIANT + p.NON_COMPLIANT;
    const total = assessed + p.NOT_APPLICABLE + p.NOT_ASSESSED;
    return { framework: p.framework, compliantPct: pct(p.COMPLIANT, assessed), assessedPct: pct(assessed + p.NOT_APPLICABLE, total), cells: total };
  });
  return {
    organisation: org.name,
    posture,
    trend: dash.trend,
    topRegisterRisks,
    registerOpenRisks: registerRisks.length,
    topFindings: topFindings.map((f) => ({ title: f.title, severity: f.severity, status: f.status, owner: f.owner?.name ?? '—', dueDate: f.dueDate?.toISOString().slice(0, 10) ?? '—' })),
    incidentsOpen: dash.incidentsOpen,
    openIncidents: openIncidents.map((i) => ({ ...i, detectedAt: i.detectedAt.toISOString().slice(0, 10) })),
    production: production.map((v) => ({ model: v.model.name, version: v.label, system: v.model.system.name, riskTier: v.model.system.riskTier })),
    monitoring: Object.fromEntries(monitors.map((m) => [m.health, m._count._all])) as Record<string, number>,
    overdueFindings: dash.overdueFindings,
  };
}
export type BoardReportData = Awaited<ReturnType<typeof boardReportData>>;

export function boardReportDocument(d: BoardReportData, opts: { now: Date; locale: { tag: string; timeZone?: string } }): ReportDocument {
  const quarter = quarterOf(opts.now);
  const sections: Section[] = [
    {
      title: 'Posture by framework',
      level: 1,
      blocks: [
        { kind: 'chart', svg: barChart('Compliant share of assessed requirements (%)', d.posture.map((p) => ({ label: p.framework, value: p.compliantPct })), { max: 100, unit: '%' }), alt: `Bar chart: ${d.posture.map((p) => `${p.framework} ${p.compliantPct}%`).join(', ') || 'no frameworks assessed'}` },
        { kind: 'table', caption: 'Posture by framework', columns: ['Framework', 'Compliant (of assessed)', 'Assessed', 'Matrix cells'], rows: d.posture.map((p) => [p.framework, `${p.compliantPct}%`, `${p.assessedPct}%`, p.cells]), align: ['left', 'right', 'right', 'right'] },
      ],
    },
    {
      title: 'Trend',
      level: 1,
      blocks: d.trend.length
        ? [
            { kind: 'chart', svg: lineChart('Posture at each closed quarterly review (%)', [{ name: 'Compliant', points: d.trend.map((t) => ({ label: t.quarter, value: t.compliantPct })) }, { name: 'Assessed', points: d.trend.map((t) => ({ label: t.quarter, value: t.assessedPct })) }], { max: 100, unit: '%' }), alt: `Line chart: ${d.trend.map((t) => `${t.quarter} compliant ${t.compliantPct}%, assessed ${t.assessedPct}%`).join('; ')}` },
            { kind: 'table', caption: 'Trend', columns: ['Quarter', 'Compliant', 'Assessed'], rows: d.trend.map((t) => [t.quarter, `${t.compliantPct}%`, `${t.assessedPct}%`]), align: ['left', 'right', 'right'] },
          ]
        : [{ kind: 'paragraph', text: 'No quarterly review has been closed yet.' }],
    },
    {
      title: 'Top risks',
      level: 1,
      blocks: [
        d.topRegisterRisks.length
          ? { kind: 'table', caption: 'Top risks in the risk register', columns: ['Ref', 'Risk', 'AI systems', 'Score', 'Treatment', 'Status', 'Owner'], rows: d.topRegisterRisks.map((r) => [r.ref, r.title, r.systems, `${r.score}${r.residual ? ' (residual)' : ' (inherent)'}`, r.treatment.toLowerCase(), r.status.toLowerCase(), r.owner]), widths: [0.9, 3, 1.8, 1.2, 1, 0.9, 1.4] }
          : { kind: 'paragraph', text: 'The risk register holds no open risk.' },
        { kind: 'paragraph', text: `Open critical and high findings (${d.topFindings.length} shown); ${d.overdueFindings} findings are past their due date.` },
        { kind: 'table', caption: 'Top risks', columns: ['Finding', 'Severity', 'Status', 'Owner', 'Due'], rows: d.topFindings.map((f) => [f.title, f.severity, f.status, f.owner, f.dueDate]), widths: [4, 1, 1.4, 1.6, 1.2] },
      ],
    },
    {
      title: 'Incidents',
      level: 1,
      blocks: [
        { kind: 'chart', svg: barChart('Open incidents by severity', ['SEV1', 'SEV2', 'SEV3', 'SEV4'].map((s) => ({ label: s, value: (d.incidentsOpen as Record<string, number>)[s] ?? 0 }))), alt: `Bar chart of open incidents by severity: ${Object.entries(d.incidentsOpen).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}` },
        { kind: 'table', caption: 'Open incidents', columns: ['Detected (UTC)', 'Incident', 'Severity', 'Status'], rows: d.openIncidents.map((i) => [i.detectedAt, i.title, i.severity, i.status]), widths: [1.2, 4, 1, 1.2] },
      ],
    },
    {
      title: 'Models in production',
      level: 1,
      blocks: [{ kind: 'table', caption: 'Models in production', columns: ['Model', 'Version', 'AI system', 'Risk tier'], rows: d.production.map((p) => [p.model, p.version, p.system, p.riskTier]) }],
    },
    {
      title: 'Monitoring status',
      level: 1,
      blocks: Object.keys(d.monitoring).length
        ? [
            { kind: 'chart', svg: barChart('Monitors by health', ['OK', 'WARNING', 'BREACH', 'MISSING', 'NO_DATA'].map((h) => ({ label: h, value: d.monitoring[h] ?? 0 }))), alt: `Monitors by health: ${Object.entries(d.monitoring).map(([k, v]) => `${k} ${v}`).join(', ')}` },
            { kind: 'table', caption: 'Monitors by health', columns: ['Health', 'Monitors'], rows: ['OK', 'WARNING', 'BREACH', 'MISSING', 'NO_DATA'].map((h) => [h, d.monitoring[h] ?? 0]), align: ['left', 'right'] },
          ]
        : [{ kind: 'paragraph', text: 'No production monitors are configured yet.' }],
    },
  ];
  return { kind: 'board-report', title: `Board report ${quarter}`, subtitle: 'AI governance posture, risks, incidents, models and monitoring', orgName: d.organisation, generatedAt: opts.now, locale: opts.locale, toc: true, sections };
}
