import 'server-only';
import { createPdf, utcStamp } from '@/lib/pdf';
import { figureRows, previousFigure, WITHHELD } from './figure-rows';
import { periodDays } from '@/lib/quarter';
import type { getReview } from './queries';

type ReviewPage = Awaited<ReturnType<typeof getReview>>;

const STATUS = { PLANNED: 'planned', IN_PROGRESS: 'in progress', CLOSED: 'closed' } as const;

/** The review pack as a tagged PDF: the page's figures as tables, the minutes as Markdown, the same dates as the page. */
export async function renderReviewPdf(data: ReviewPage, now = new Date()): Promise<Buffer> {
  const r = data.review;
  const days = periodDays(data.period);
  const pdf = createPdf({
    title: `Quarterly compliance review ${data.quarter}`,
    orgName: data.orgName,
    generatedAt: now,
    subtitle: `Period ${days.first} to ${days.last} (UTC). Status: ${r ? STATUS[r.status as keyof typeof STATUS] ?? r.status : 'not started'}.`,
  });
  if (r?.closedAt) pdf.paragraph(`Closed ${utcStamp(new Date(r.closedAt))} by ${r.closedBy ?? 'unknown'}. Snapshot SHA-256: ${r.snapshotHash}`, { muted: true });

  pdf.heading(r?.status === 'CLOSED' ? 'Figures (frozen at closing)' : 'Figures (live)');
  const prev = data.previousFigures;
  pdf.table({
    caption: 'Review figures',
    columns: ['Area', 'Figure', 'This review', prev ? `Previous (${data.previousQuarter})` : 'Previous'],
    rows: figureRows(data.figures).map((f) => [f.area, f.name, f.value ?? WITHHELD, previousFigure(f, prev)]),
    align: ['left', 'left', 'right', 'right'],
    widths: [3, 4, 1.6, 1.6],
  });
  const breached = data.figures.monitoring?.versionsInBreach ?? [];
  if (breached.length) {
    pdf.heading('Model versions in breach in the quarter', 3);
    pdf.list(breached.map((v) => `${v.model} ${v.version}`));
  }
  const privacy = data.figures.privacy;
  if (privacy?.overdueReviews.length) {
    pdf.heading('Data-minimisation reviews overdue', 3);
    pdf.list(privacy.overdueReviews.map((m) => `${m.quarter}, ${m.owner || 'unknown owner'}: due ${m.dueAt.slice(0, 10)}`));
  }
  if (privacy?.datasetsPastRetention.length) {
    pdf.heading('Datasets past retention', 3);
    pdf.list(privacy.datasetsPastRetention.map((d) => `${d.name} (${d.owner || 'unknown owner'})${d.deletionDate ? `: deletion date ${d.deletionDate.slice(0, 10)}` : ': deletion task open'}`));
  }

  pdf.heading('Attendees');
  if (r?.attendees.length) pdf.list(r.attendees.map((a) => `${a.name}${a.role ? ` (${a.role})` : ''}`));
  else pdf.paragraph('None recorded.');
  pdf.heading('Minutes');
  if (r?.minutes?.trim()) pdf.markdown(r.minutes);
  else pdf.paragraph('No minutes recorded.');
  pdf.heading('Decisions');
  if (r?.decisions.length) pdf.list(r.decisions.map((d) => d.text));
  else pdf.paragraph('None recorded.');

  pdf.heading('Action items');
  if (r?.actionItems.length) {
    pdf.table({
      caption: 'Action items',
      columns: ['Action', 'Owner', 'Due', 'Status'],
      rows: r.actionItems.map((a) => [a.title, a.owner, a.dueDate.slice(0, 10), a.status === 'DONE' ? 'Done' : 'Open']),
      widths: [5, 2.5, 1.6, 1.2],
    });
  } else pdf.paragraph('None.');

  pdf.heading('Overdue at the time of the review');
  const overdue = [
    ...data.overdue.findings.map((f) => [`Finding (${f.severity.toLowerCase()}): ${f.title}`, f.owner, f.dueDate?.slice(0, 10) ?? '—']),
    ...data.overdue.actionItems.map((a) => [`Action item (${a.quarter}): ${a.title}`, a.owner, a.dueDate.slice(0, 10)]),
  ];
  if (overdue.length) pdf.table({ caption: 'Overdue work', columns: ['What', 'Owner', 'Due'], rows: overdue, widths: [6, 2.5, 1.6] });
  else pdf.paragraph('Nothing overdue.');
  return pdf.end();
}
