import 'server-only';
import { createHash } from 'node:crypto';
import { AlignmentType, Document, ExternalHyperlink, Footer, HeadingLevel, Packer, PageNumber, Paragraph, Table, TableCell, TableOfContents, TableRow, TextRun, WidthType } from 'docx';
import { createPdf, localStamp, utcStamp } from '@/lib/pdf';

/**
 * One description of a document, rendered to PDF (lib/pdf) and DOCX (docx):
 * both carry the same sections, tables and figures, and the content hash is
 * taken over this description (not the bytes), so a PDF and a DOCX of the
 * same content share it.
 */
export type Completeness = 'complete' | 'incomplete' | 'missing';
export type Block =
  | { kind: 'paragraph'; text: string; muted?: boolean }
  | { kind: 'list'; items: string[] }
  | { kind: 'fields'; rows: [string, string][] }
  | { kind: 'table'; caption: string; columns: string[]; rows: (string | number)[][]; widths?: number[]; align?: ('left' | 'right')[] }
  | { kind: 'chart'; svg: string; alt: string };
export type Section = { title: string; level: 1 | 2 | 3; status?: Completeness; link?: string; blocks: Block[] };
export type ReportDocument = {
  kind: string;
  title: string;
  subtitle?: string;
  orgName: string;
  generatedAt: Date;
  locale: { tag: string; timeZone?: string };
  toc: boolean;
  sections: Section[];
};

export const COMPLETENESS_LABEL: Record<Completeness, string> = { complete: 'Complete', incomplete: 'Incomplete', missing: 'Missing' };

/** SHA-256 over the document's content (title, sections): the same content always has the same hash. */
export function documentHash(d: ReportDocument): string {
  return createHash('sha256').update(JSON.stringify({ kind: d.kind, title: d.title, orgName: d.orgName, sections: d.sections })).digest('hex');
}

export const generatedLine = (d: ReportDocument) => `Generated ${utcStamp(d.generatedAt)} (${localStamp(d.generatedAt, d.locale)}, ${d.locale.tag}) for ${d.orgName}.`;

export async function renderDocumentPdf(d: ReportDocument, hash = documentHash(d)): Promise<Buffer> {
  const pdf = createPdf({ title: d.title, orgName: d.orgName, generatedAt: d.generatedAt, subtitle: d.subtitle, locale: d.locale, lang: d.locale.tag.split('-')[0] || 'en' });
  pdf.paragraph(generatedLine(d), { muted: true });
  pdf.paragraph(`Content SHA-256: ${hash}`, { muted: true });
  if (d.toc) pdf.tableOfContents(d.sections.filter((s) => s.level <= 2).length);
  for (const s of d.sections) {
    pdf.heading(s.status ? `${s.title} — ${COMPLETENESS_LABEL[s.status]}` : s.title, s.level);
    if (s.status) pdf.paragraph(`Status: ${COMPLETENESS_LABEL[s.status]}${s.link ? `. Filled in at ${s.link}` : ''}`, { muted: true });
    for (const b of s.blocks) {
      if (b.kind === 'paragraph') pdf.paragraph(b.text, { muted: b.muted });
      else if (b.kind === 'list') pdf.list(b.items);
      else if (b.kind === 'fields') pdf.table({ columns: ['Field', 'Value'], rows: b.rows, widths: [1, 2.4] });
      else if (b.kind === 'table') pdf.table({ caption: b.caption, columns: b.columns, rows: b.rows, widths: b.widths, align: b.align });
      else pdf.svg(b.svg, { alt: b.alt });
    }
  }
  return pdf.end();
}

const HEADING = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function docxTable(columns: string[], rows: (string | number)[][]) {
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: columns.map((c) => cell(c, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(String(c))) }))],
  });
}

export async function renderDocumentDocx(d: ReportDocument, hash = documentHash(d)): Promise<Buffer> {
  const children: (Paragraph | Table | TableOfContents)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(d.title)] }),
    ...(d.subtitle ? [new Paragraph({ children: [new TextRun({ text: d.subtitle, italics: true })] })] : []),
    new Paragraph({ children: [new TextRun(generatedLine(d))] }),
    new Paragraph({ children: [new TextRun(`Content SHA-256: ${hash}`)] }),
  ];
  if (d.toc) children.push(new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2' }));
  for (const s of d.sections) {
    children.push(new Paragraph({ heading: HEADING[s.level], children: [new TextRun(s.status ? `${s.title} — ${COMPLETENESS_LABEL[s.status]}` : s.title)] }));
    if (s.status) {
      children.push(
        new Paragraph({
          children: [
            new TextRun({ text: `Status: ${COMPLETENESS_LABEL[s.status]}${s.link ? '. Filled in at ' : ''}`, italics: true }),
            ...(s.link ? [new ExternalHyperlink({ link: s.link, children: [new TextRun({ text: s.link, style: 'Hyperlink' })] })] : []),
          ],
        }),
      );
    }
    for (const b of s.blocks) {
      if (b.kind === 'paragraph') children.push(...b.text.split(/\n{2,}/).map((t) => new Paragraph({ children: [new TextRun({ text: t, italics: b.muted })] })));
      else if (b.kind === 'list') children.push(...b.items.map((t) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(t)] })));
      else if (b.kind === 'fields') children.push(docxTable(['Field', 'Value'], b.rows));
      else if (b.kind === 'table') children.push(new Paragraph({ children: [new TextRun({ text: b.caption, bold: true })] }), docxTable(b.columns, b.rows));
      else children.push(new Paragraph({ children: [new TextRun({ text: `Chart: ${b.alt}`, italics: true })] }));
    }
  }
  const doc = new Document({
    creator: d.orgName,
    title: d.title,
    features: { updateFields: d.toc },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun(`${d.orgName} · ${d.title} · generated ${utcStamp(d.generatedAt)} · Page `), new TextRun({ children: [PageNumber.CURRENT] }), new TextRun(' of '), new TextRun({ children: [PageNumber.TOTAL_PAGES] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
