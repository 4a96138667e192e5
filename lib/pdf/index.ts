import 'server-only';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { parseMarkdown, type Inline } from './markdown';

// The one PDF renderer: tagged (accessible) PDF/UA documents in an embedded
// TrueType font (DejaVu Sans, lib/pdf/fonts, with its licence), with headings,
// paragraphs, Markdown, lists, tables, page numbers and a footer naming the
// organisation and the generation time. Every domain's documents use it:
//
//   const pdf = createPdf({ title: 'Quarterly review 2026-Q4', orgName, generatedAt: new Date() });
//   pdf.heading('Figures', 2);
//   pdf.table({ caption: 'Review figures', columns: ['Area', 'Figure', 'Value'], rows, align: ['left', 'left', 'right'] });
//   pdf.markdown(minutes);
//   const bytes = await pdf.end();

export type PdfMeta = {
  title: string;
  orgName: string;
  generatedAt: Date;
  /** Shown under the title. */
  subtitle?: string;
  author?: string;
  /** BCP 47, for screen readers (default "en"). */
  lang?: string;
};
export type TableSpec = {
  /** Announced by screen readers and printed above the table. */
  caption?: string;
  columns: string[];
  rows: (string | number)[][];
  align?: ('left' | 'right')[];
  /** Relative column widths (default equal). */
  widths?: number[];
};

const FONTS = path.join(process.cwd(), 'lib', 'pdf', 'fonts');
const SIZE = { body: 10, small: 8, h1: 18, h2: 13, h3: 11 } as const;
const INK = '#1e293b';
const MUTED = '#475569';
const RULE = '#cbd5e1';


/** "2026-12-05 14:03 UTC": documents have no reader's time zone, so times are UTC and say so. */
export function utcStamp(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function createPdf(meta: PdfMeta) {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
    tagged: true,
    pdfVersion: '1.7',
    lang: meta.lang ?? 'en',
    displayTitle: true,
    info: { Title: meta.title, Author: meta.author ?? meta.orgName, Creator: 'AI Governance Portal', CreationDate: meta.generatedAt },
  });
  doc.registerFont('body', path.join(FONTS, 'DejaVuSans.ttf'));
  doc.registerFont('bold', path.join(FONTS, 'DejaVuSans-Bold.ttf'));
  doc.registerFont('italic', path.join(FONTS, 'DejaVuSans-Oblique.ttf'));
  doc.font('body').fontSize(SIZE.body).fillColor(INK);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  const left = doc.page.margins.left;
  const width = () => doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };

  const inline = (runs: Inline[], opts: PDFKit.Mixins.TextOptions = {}) => {
    const list = runs.length ? runs : [{ text: '' }];
    list.forEach((r, i) => {
      doc.font(r.bold ? 'bold' : r.italic ? 'italic' : 'body');
      doc.text(r.text, i === 0 ? left + (opts.indent ?? 0) : undefined, undefined, { ...opts, indent: 0, width: width() - (opts.indent ?? 0), continued: i < list.length - 1 });
    });
    doc.font('body');
  };

  const api = {
    doc,
    heading(text: string, level: 1 | 2 | 3 = 2) {
      const size = level === 1 ? SIZE.h1 : level === 2 ? SIZE.h2 : SIZE.h3;
      ensure(size * 3);
      doc.moveDown(level === 1 ? 0 : 0.6);
      root.add(doc.struct(`H${level}`, {}, () => doc.font('bold').fontSize(size).text(text, left, undefined, { width: width() })));
      doc.font('body').fontSize(SIZE.body).moveDown(0.3);
      return api;
    },
    paragraph(text: string | Inline[], opts: { muted?: boolean } = {}) {
      ensure(SIZE.body * 2);
      doc.fillColor(opts.muted ? MUTED : INK);
      root.add(doc.struct('P', {}, () => inline(typeof text === 'string' ? [{ text }] : text)));
      doc.fillColor(INK).moveDown(0.4);
      return api;
    },
    list(items: (string | Inline[])[], opts: { ordered?: boolean } = {}) {
      const l = doc.struct('L');
      root.add(l);
      items.forEach((item, i) => {
        ensure(SIZE.body * 2);
        const li = doc.struct('LI');
        l.add(li);
        const y = doc.y;
        li.add(doc.struct('Lbl', {}, () => doc.text(opts.ordered ? `${i + 1}.` : '•', left + 4, y, { width: 14 })));
        doc.y = y;
        li.add(doc.struct('LBody', {}, () => inline(typeof item === 'string' ? [{ text: item }] : item, { indent: 18 })));
        li.end();
        doc.moveDown(0.15);
      });
      l.end();
      doc.moveDown(0.3);
      return api;
    },
    /** Headings, paragraphs, bullet and numbered lists, **bold** and *italic*, as Markdown writes them. */
    markdown(text: string) {
      for (const b of parseMarkdown(text)) {
        if (b.kind === 'heading') api.heading(b.text, Math.min(3, b.level + 1) as 2 | 3);
        else if (b.kind === 'list') api.list(b.items, { ordered: b.ordered });
        else api.paragraph(b.runs);
      }
      return api;
    },
    table(spec: TableSpec) {
      const w = width();
      const rel = spec.widths ?? spec.columns.map(() => 1);
      const total = rel.reduce((a, b) => a + b, 0);
      const cols = rel.map((r) => (r / total) * w);
      const pad = 4;
      const table = doc.struct('Table');
      root.add(table);
      if (spec.caption) {
        ensure(SIZE.body * 4);
        table.add(doc.struct('Caption', {}, () => doc.font('bold').fontSize(SIZE.body).text(spec.caption!, left, undefined, { width: w })));
        doc.font('body').moveDown(0.2);
      }
      const rowHeight = (cells: string[], font: string) => {
        doc.font(font).fontSize(SIZE.body);
        return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: cols[i] - pad * 2 }))) + pad * 2;
      };
      const drawRow = (cells: string[], header: boolean) => {
        const font = header ? 'bold' : 'body';
        const h = rowHeight(cells, font);
        if (doc.y + h > bottom()) {
          doc.addPage();
          if (!header) drawRow(spec.columns, true);
        }
        const y = doc.y;
        const tr = doc.struct('TR');
        table.add(tr);
        doc.markContent('Artifact', { type: 'Layout' });
        if (header) doc.rect(left, y, w, h).fill('#f1f5f9');
        doc.moveTo(left, y + h).lineTo(left + w, y + h).lineWidth(0.5).strokeColor(RULE).stroke();
        doc.endMarkedContent();
        doc.fillColor(INK);
        let x = left;
        cells.forEach((c, i) => {
          const cellX = x;
          tr.add(doc.struct(header ? 'TH' : 'TD', {}, () => doc.font(font).fontSize(SIZE.body).text(c, cellX + pad, y + pad, { width: cols[i] - pad * 2, align: spec.align?.[i] ?? 'left' })));
          x += cols[i];
        });
        tr.end();
        doc.x = left;
        doc.y = y + h;
      };
      drawRow(spec.columns, true);
      for (const row of spec.rows) drawRow(row.map(String), false);
      table.end();
      doc.font('body').moveDown(0.8);
      return api;
    },
    /** Closes the document: page numbers and the footer on every page. */
    async end(): Promise<Buffer> {
      root.end();
      const range = doc.bufferedPageRange();
      const footer = `${meta.orgName} · ${meta.title} · generated ${utcStamp(meta.generatedAt)}`;
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        const keep = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        const y = doc.page.height - 40;
        doc.markContent('Artifact', { type: 'Pagination' });
        doc.font('body').fontSize(SIZE.small).fillColor(MUTED);
        doc.text(footer, left, y, { width: width() - 80, lineBreak: false });
        doc.text(`Page ${i + 1} of ${range.count}`, left + width() - 80, y, { width: 80, align: 'right', lineBreak: false });
        doc.endMarkedContent();
        doc.page.margins.bottom = keep;
      }
      doc.end();
      return done;
    },
  };
  // Title block.
  api.heading(meta.title, 1);
  if (meta.subtitle) api.paragraph(meta.subtitle, { muted: true });
  return api;
}

export type PdfBuilder = ReturnType<typeof createPdf>;
