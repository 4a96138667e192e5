import 'server-only';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { getReview } from './queries';

type ReviewPage = Awaited<ReturnType<typeof getReview>>;

// The standard PDF fonts only encode WinAnsi; anything else becomes '?'.
const ascii = (s: string) => s.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2013\u2014]/g, '-').replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

/** A plain, printable review pack: figures, minutes, decisions, action items. */
export async function renderReviewPdf(data: ReviewPage): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Quarterly compliance review ${data.quarter}`);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = doc.addPage([595, 842]);
  let y = 800;
  const margin = 50;
  const width = 595 - margin * 2;

  const line = (text: string, opts: { f?: PDFFont; size?: number; gap?: number } = {}) => {
    const f = opts.f ?? font;
    const size = opts.size ?? 10;
    const words = ascii(text).split(/\s+/);
    let current = '';
    const flush = () => {
      if (y < 60) {
        page = doc.addPage([595, 842]);
        y = 800;
      }
      page.drawText(current, { x: margin, y, size, font: f, color: rgb(0.1, 0.1, 0.15) });
      y -= size + 4;
      current = '';
    };
    for (const w of words) {
      const next = current ? `${current} ${w}` : w;
      if (f.widthOfTextAtSize(next, size) > width && current) {
        flush();
        current = w;
      } else current = next;
    }
    if (current || !words.length) flush();
    y -= opts.gap ?? 0;
  };
  const heading = (text: string) => {
    y -= 6;
    line(text, { f: bold, size: 13, gap: 2 });
  };
  const counts = (label: string, rec: Record<string, number>) =>
    line(`${label}: ${Object.entries(rec).map(([k, v]) => `${k.replace(/_/g, ' ').toLowerCase()} ${v}`).join(', ') || 'none'}`);

  line(`Quarterly compliance review ${data.quarter}`, { f: bold, size: 18, gap: 4 });
  const r = data.review;
  line(`Period ${data.period.start.slice(0, 10)} to ${data.period.end.slice(0, 10)} (UTC). Status: ${r?.status ?? 'not started'}.`);
  if (r?.closedAt) line(`Closed ${r.closedAt} by ${r.closedBy ?? 'unknown'}. Snapshot SHA-256: ${r.snapshotHash}`);

  heading('Figures');
  counts('Matrix cells by status', data.figures.matrix);
  counts('Open findings by severity', data.figures.findings.openBySeverity);
  line(`Findings opened in the quarter: ${data.figures.findings.newInPeriod}; closed: ${data.figures.findings.closedInPeriod}; overdue now: ${data.figures.findings.overdue}`);
  counts('Incidents in the quarter by severity', data.figures.incidents.inPeriodBySeverity);
  counts('Model versions by stage', data.figures.models.versionsByStage);
  line(`Promotions: ${data.figures.models.promotions}; rollbacks: ${data.figures.models.rollbacks}`);
  line(`Open action items: ${data.figures.actionItems.open} (${data.figures.actionItems.overdue} overdue)`);

  heading('Attendees');
  for (const a of r?.attendees ?? []) line(`- ${a.name}${a.role ? ` (${a.role})` : ''}`);
  heading('Minutes');
  for (const para of (r?.minutes || 'No minutes recorded.').split(/\n+/)) line(para, { gap: 2 });
  heading('Decisions');
  for (const d of r?.decisions ?? []) line(`- ${d.text}`);
  if (!r?.decisions.length) line('None recorded.');
  heading('Action items');
  for (const a of r?.actionItems ?? []) line(`- [${a.status === 'DONE' ? 'x' : ' '}] ${a.title} - ${a.owner}, due ${a.dueDate.slice(0, 10)}`);
  if (!r?.actionItems.length) line('None.');
  heading('Overdue at the time of the review');
  for (const f of data.overdue.findings) line(`- Finding (${f.severity.toLowerCase()}): ${f.title} - ${f.owner}, due ${f.dueDate?.slice(0, 10) ?? '-'}`);
  for (const a of data.overdue.actionItems) line(`- Action item (${a.quarter}): ${a.title} - ${a.owner}, due ${a.dueDate.slice(0, 10)}`);
  if (!data.overdue.findings.length && !data.overdue.actionItems.length) line('Nothing overdue.');
  return doc.save();
}
