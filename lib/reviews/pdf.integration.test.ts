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
});
