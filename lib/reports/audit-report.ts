import 'server-only';
import type { AuditReportData } from './audit-data';
import { barChart } from './charts';
import type { ReportDocument, Section } from './document';

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');
const SEVERITY_COLOR: Record<string, string> = { CRITICAL: '#b91c1c', HIGH: '#dc2626', MEDIUM: '#f59e0b', LOW: '#64748b' };

/** The audit report: scope, period, findings with severity, status, remediation and verification history, evidence list. */
export function auditReportDocument(d: AuditReportData, opts: { now: Date; locale: { tag: string; timeZone?: string } }): ReportDocument {
  const a = d.audit;
  const sections: Section[] = [
    {
      title: 'Scope and period',
      level: 1,
      blocks: [
        {
          kind: 'fields',
          rows: [
            ['Audit', a.title],
            ['Kind and standard', `${a.kind.toLowerCase()} · ${a.standard.replace(/_/g, ' ')}`],
            ['Firm', a.firm ?? '—'],
            ['Period', `${day(a.periodStart)} to ${day(a.periodEnd)} (UTC)`],
            ['Status', a.status.toLowerCase()],
            ['Auditors', a.auditors.join(', ') || '—'],
            ['Frameworks in scope', d.scope.frameworks.map((f) => f.name).join(', ') || '—'],
            ['AI systems in scope', d.scope.systems.map((s) => s.name).join(', ') || '—'],
          ],
        },
      ],
    },
    {
      title: 'Summary of findings',
      level: 1,
      blocks: [
        { kind: 'chart', svg: barChart('Findings by severity', ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'].map((s) => ({ label: s, value: d.counts.bySeverity[s], color: SEVERITY_COLOR[s] }))), alt: `Findings by severity: ${Object.entries(d.counts.bySeverity).map(([k, v]) => `${k} ${v}`).join(', ')}` },
        { kind: 'table', caption: 'Findings by status', columns: ['Status', 'Findings'], rows: Object.entries(d.counts.byStatus).map(([k, v]) => [k.replace(/_/g, ' ').toLowerCase(), v]), align: ['left', 'right'] },
        { kind: 'paragraph', text: `${d.counts.total} findings in total.` },
      ],
    },
    {
      title: 'Findings',
      level: 1,
      blocks: d.findings.length ? [] : [{ kind: 'paragraph', text: 'No findings were raised in this audit.' }],
    },
    ...d.findings.map(
      (f, i): Section => ({
        title: `${i + 1}. ${f.title}`,
        level: 2,
        blocks: [
          {
            kind: 'fields',
            rows: [
              ['Severity', f.severity],
              ['Status', f.status.replace(/_/g, ' ').toLowerCase()],
              ['Owner', f.owner ?? '—'],
              ['Raised', day(f.createdAt)],
              ['Due', day(f.dueDate)],
              ['Closed', day(f.closedAt)],
              ['Verified by', f.verifiedBy ?? '—'],
              ['Requirements', f.requirements.map((r) => `${r.framework} ${r.ref}`).join(', ') || '—'],
            ],
          },
          { kind: 'paragraph', text: f.description },
          { kind: 'paragraph', text: `Remediation: ${f.remediationPlan?.trim() || 'no plan recorded'}` },
          { kind: 'table', caption: 'Remediation and verification history', columns: ['When (UTC)', 'What', 'Who'], rows: f.history.map((h) => [h.at.slice(0, 16).replace('T', ' '), h.action, h.actor]), widths: [1.4, 2, 2] },
        ],
      }),
    ),
    {
      title: 'Evidence',
      level: 1,
      blocks: [
        {
          kind: 'table',
          caption: 'Evidence list',
          columns: ['Evidence', 'Collected (UTC)', 'For', 'Where'],
          rows: [
            ...d.findings.flatMap((f) => f.evidence.map((e) => [e.title, day(e.collectedAt), f.title, e.href])),
            ...d.otherEvidence.map((e) => [e.title, day(e.collectedAt), 'audit', e.href]),
          ],
          widths: [2, 1, 2, 3],
        },
      ],
    },
  ];
  return { kind: 'audit-report', title: `Audit report: ${a.title}`, subtitle: `${a.standard.replace(/_/g, ' ')} · ${day(a.periodStart)} to ${day(a.periodEnd)}`, orgName: d.organisation, generatedAt: opts.now, locale: opts.locale, toc: d.findings.length > 5, sections };
}
