import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

// pdf.js expects Node 22's Promise.withResolvers; this project runs on Node 20.
const P = Promise as unknown as { withResolvers?: () => unknown };
P.withResolvers ??= () => {
  let resolve!: (v: unknown) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};
const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');

await setupTestDatabase('review-pdf');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const m = await import('./mutations');
const q = await import('./queries');
const { renderReviewPdf } = await import('./pdf');
const { figureRows, WITHHELD } = await import('./figure-rows');
const { db } = await import('@/lib/db');
const { privacyFigures } = await import('@/lib/privacy/dashboard');

let actors: Record<Role, Actor>;
const QUARTER = '2026-Q4';
// A fixed due date: a date relative to today could land on 2027-01-01, the string the test refuses.
const actionDue = '2030-06-28';
const MINUTES = ['## Risks discussed', '', '- **Drift** on the credit model', '- Café déjà vu — “quoted” ≥ 0.8', '', 'Next review in *January*.'].join('\n');

type Node = { role?: string; children?: Node[] };
const roles = (n: Node | null): string[] => (n ? [...(n.role ? [n.role] : []), ...(n.children ?? []).flatMap(roles)] : []);

async function readPdf(bytes: Buffer) {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const pages: string[] = [];
  const structure: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const content = await page.getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' ').replace(/\s+/g, ' '));
    structure.push(...roles((await page.getStructTree()) as Node));
  }
  return { text: pages.join('\n'), pages, structure, metadata: await pdf.getMetadata() };
}

beforeAll(async () => {
  ({ actors } = await createOrgWithRoles('Acme Health & Finance'));
});

describe('quarterly review PDF', () => {
  it('prints the page’s dates and figures as tables, renders the Markdown, keeps every glyph, and is tagged', { timeout: 60_000 }, async () => {
    const { id: reviewId } = await m.startReview(actors.COMPLIANCE_OFFICER, { quarter: QUARTER });
    await m.addAttendee(actors.COMPLIANCE_OFFICER, { reviewId, name: 'Élodie Durand', role: 'DPO' });
    await m.saveMinutes(actors.COMPLIANCE_OFFICER, { reviewId, minutes: MINUTES });
    await m.addDecision(actors.COMPLIANCE_OFFICER, { reviewId, text: 'Adopt ISO/IEC 42001 Annex A.' });
    await m.addActionItem(actors.COMPLIANCE_OFFICER, { reviewId, title: 'Write the AI policy', ownerId: actors.ENGINEER.userId!, dueDate: actionDue });
    await m.closeReview(actors.COMPLIANCE_OFFICER, reviewId);
    const data = await q.getReview(actors.AUDITOR, QUARTER);
    const generatedAt = new Date('2026-12-01T10:15:00Z');
    const bytes = await renderReviewPdf(data, generatedAt);
    const { text, pages, structure, metadata } = await readPdf(bytes);

    // The page says "Period 2026-10-01 to 2026-12-31 (UTC)"; so does the PDF (the stored end, 2027-01-01, is exclusive).
    expect(text).toContain('Period 2026-10-01 to 2026-12-31 (UTC). Status: closed.');
    expect(text).not.toContain('2027-01-01');
    // Markdown rendered, not printed raw.
    expect(text).toContain('Risks discussed');
    expect(text).not.toMatch(/##|\*\*|\*January\*/);
    expect(text).toContain('Drift on the credit model');
    // Glyphs outside WinAnsi survive (the embedded font has them): no '?' in their place.
    expect(text).toContain('Café déjà vu — “quoted” ≥ 0.8');
    expect(text).toContain('Élodie Durand (DPO)');
    expect(text).not.toContain('?');
    // The figures table holds the page's figures, row by row, in the page's order.
    const header = text.indexOf('Area Figure This review Previous');
    expect(header).toBeGreaterThan(0);
    let at = header;
    for (const f of figureRows(data.figures)) {
      const cell = `${f.area} ${f.name} ${f.value ?? WITHHELD} —`;
      const found = text.indexOf(cell, at);
      expect(found, cell).toBeGreaterThan(at);
      at = found;
    }
    expect(text).toMatch(/Write the AI policy .*Test Engineer|Write the AI policy/);
    // Footer on every page: organisation, generation time, page numbers.
    pages.forEach((p, i) => {
      expect(p).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(p).toContain('Acme Health & Finance · Quarterly compliance review 2026-Q4 · generated 2026-12-01 10:15 UTC');
    });
    // Tagged: marked content, a structure tree with headings, lists and a table with header cells, language and title set.
    const raw = bytes.toString('latin1');
    expect(raw).toMatch(/\/Marked true/);
    expect(raw).toMatch(/\/Lang \(en\)/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toMatch(/\/FontFile2/);
    expect(structure).toEqual(expect.arrayContaining(['Document', 'H1', 'H2', 'P', 'L', 'LI', 'Table', 'TR', 'TH', 'TD', 'Caption']));
    expect((metadata.info as { Title?: string; Language?: string }).Title).toBe('Quarterly compliance review 2026-Q4');
  });

  it('brings the minimisation reviews overdue at the quarter’s end and the datasets past retention to the meeting: page figures, lists, PDF and frozen snapshot agree', { timeout: 60_000 }, async () => {
    // 2026-Q3 ends 2026-10-01 (exclusive): the figures are taken at that moment, not today.
    const orgId = actors.ADMIN.orgId;
    const at = (iso: string) => new Date(`${iso}T00:00:00Z`);
    const ds = (name: string, data: { personalData: boolean; deletionDate?: Date }) => db.dataset.create({ data: { orgId, name, ownerId: actors.ENGINEER.userId!, personalDataCategories: ['contact'], ...data }, select: { id: true } });
    const past = await ds('Applicants 2019', { personalData: true, deletionDate: at('2026-09-15') });
    await ds('Call recordings', { personalData: true, deletionDate: at('2026-10-15') }); // past today, not at the quarter's end
    await ds('Weather feed', { personalData: false, deletionDate: at('2026-01-01') });
    const tasked = await ds('Marketing leads', { personalData: true });
    const rule = await db.retentionRule.create({ data: { orgId, datasetId: tasked.id, periodDays: 30, keepBasis: 'Consent', createdById: actors.PRIVACY_OFFICER.userId! } });
    await db.privacyTask.create({ data: { orgId, kind: 'DELETION', title: 'Delete the marketing leads', assigneeId: actors.ENGINEER.userId, datasetId: tasked.id, retentionRuleId: rule.id } });
    const done = await ds('Old survey', { personalData: true });
    await db.privacyTask.create({ data: { orgId, kind: 'DELETION', status: 'DONE', title: 'Delete the survey', assigneeId: actors.ENGINEER.userId, datasetId: done.id, retentionRuleId: rule.id, doneAt: at('2026-08-01') } });
    const review = (ownerId: string, quarter: string, dueAt: string, completedAt?: string) =>
      db.minimisationReview.create({ data: { orgId, ownerId, quarter, dueAt: at(dueAt), completedAt: completedAt ? at(completedAt) : null }, select: { id: true } });
    const open = await review(actors.ENGINEER.userId!, '2026-Q3', '2026-07-31');
    await review(actors.COMPLIANCE_OFFICER.userId!, '2026-Q3', '2026-07-31', '2026-07-20');
    const lateDone = await review(actors.PRIVACY_OFFICER.userId!, '2026-Q2', '2026-04-30', '2026-10-20'); // still open when Q3 ended
    await review(actors.ADMIN.userId!, '2026-Q4', '2026-10-31');

    const { id: reviewId } = await m.startReview(actors.COMPLIANCE_OFFICER, { quarter: '2026-Q3' });
    const data = await q.getReview(actors.COMPLIANCE_OFFICER, '2026-Q3');
    expect(data.figures.privacy).toEqual({
      minimisationOverdue: 2,
      pastRetention: 2,
      overdueReviews: [
        { id: lateDone.id, quarter: '2026-Q2', owner: actors.PRIVACY_OFFICER.name, dueAt: '2026-04-30T00:00:00.000Z' },
        { id: open.id, quarter: '2026-Q3', owner: actors.ENGINEER.name, dueAt: '2026-07-31T00:00:00.000Z' },
      ],
      datasetsPastRetention: [
        { id: past.id, name: 'Applicants 2019', owner: actors.ENGINEER.name, deletionDate: '2026-09-15T00:00:00.000Z' },
        { id: tasked.id, name: 'Marketing leads', owner: actors.ENGINEER.name, deletionDate: null },
      ],
    });
    // The privacy overview counts today: the call recordings are past retention now.
    expect((await privacyFigures(actors.PRIVACY_OFFICER)).pastRetention).toBe(3);
    const rows = figureRows(data.figures).filter((f) => f.area === 'Privacy');
    expect(rows.map((f) => [f.name, f.value, f.href])).toEqual([
      ['Minimisation reviews overdue', 2, '/privacy/minimisation'],
      ['Datasets past retention', 2, '/privacy/retention'],
    ]);

    const { text } = await readPdf(await renderReviewPdf(data, new Date('2026-12-01T10:15:00Z')));
    expect(text).toContain('Privacy Minimisation reviews overdue 2');
    expect(text).toContain('Privacy Datasets past retention 2');
    expect(text).toContain('Data-minimisation reviews overdue');
    expect(text).toContain(`2026-Q2, ${actors.PRIVACY_OFFICER.name}: due 2026-04-30`);
    expect(text).toContain(`2026-Q3, ${actors.ENGINEER.name}: due 2026-07-31`);
    expect(text).toContain(`Applicants 2019 (${actors.ENGINEER.name}): deletion date 2026-09-15`);
    expect(text).toContain(`Marketing leads (${actors.ENGINEER.name}): deletion task open`);
    expect(text).not.toContain('Call recordings');

    // Closing freezes the same figures.
    await m.addAttendee(actors.COMPLIANCE_OFFICER, { reviewId, name: 'Priya Privacy', role: 'DPO' });
    await m.closeReview(actors.COMPLIANCE_OFFICER, reviewId);
    expect((await q.getReview(actors.AUDITOR, '2026-Q3')).figures.privacy).toEqual(data.figures.privacy);
  });
});
