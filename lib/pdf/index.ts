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
  /** The reader's locale and time zone: the footer adds the generation time as they read it (e.g. "de-DE", "Europe/Berlin"). */
  locale?: { tag: string; timeZone?: string };
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

/** The generation time in the reader's locale and zone, for documents that state both. */
export function localStamp(d: Date, locale: { tag: string; timeZone?: string }): string {
  try {
    const zone = locale.timeZone ?? 'UTC';
    return `${new Intl.DateTimeFormat(locale.tag, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(d)} ${zone}`;
  } catch {
    return utcStamp(d);
  }
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

  // Table of contents: pages reserved after the title, filled in by end() once every heading's page is known.
  let tocPages: number[] = [];
  const tocEntries: { text: string; level: number; page: number }[] = [];
  const TOC_LINES_PER_PAGE = 46;

  const api = {
    doc,
    /** Reserves pages for a table of contents of about `entries` headings (levels 1–2 after this call). */
    tableOfContents(entries: number) {
      const pages = Math.max(1, Math.ceil((entries + 2) / TOC_LINES_PER_PAGE));
      const first = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
      tocPages = Array.from({ length: pages }, (_, i) => first + i + 1);
      for (let i = 0; i < pages; i++) doc.addPage();
      doc.addPage();
      return api;
    },
    heading(text: string, level: 1 | 2 | 3 = 2) {
      const size = level === 1 ? SIZE.h1 : level === 2 ? SIZE.h2 : SIZE.h3;
      ensure(size * 3);
      doc.moveDown(level === 1 ? 0 : 0.6);
      if (tocPages.length && level <= 2) {
        const range = doc.bufferedPageRange();
        tocEntries.push({ text, level, page: range.start + range.count - 1 });
        doc.outline.addItem(text);
      }
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
      // Most cells hold one short line: measured once with widthOfString and drawn without
      // pdfkit's line wrapper (which would lay the text out again); only longer cells wrap.
      const layoutRow = (cells: string[], font: string) => {
        doc.font(font).fontSize(SIZE.body);
        const line = doc.currentLineHeight(true);
        const widths = cells.map((c) => (c.includes('\n') ? Infinity : doc.widthOfString(c)) as number);
        const single = widths.map((w, i) => w <= cols[i] - pad * 2);
        const h = Math.max(...cells.map((c, i) => (single[i] ? line : doc.heightOfString(c, { width: cols[i] - pad * 2 })))) + pad * 2;
        return { h, widths, single };
      };
      const drawRow = (cells: string[], header: boolean) => {
        const font = header ? 'bold' : 'body';
        const { h, widths, single } = layoutRow(cells, font);
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
          const right = spec.align?.[i] === 'right';
          tr.add(
            doc.struct(header ? 'TH' : 'TD', {}, () =>
              single[i]
                ? doc.font(font).fontSize(SIZE.body).text(c, right ? cellX + cols[i] - pad - widths[i] : cellX + pad, y + pad, { lineBreak: false })
                : doc.font(font).fontSize(SIZE.body).text(c, cellX + pad, y + pad, { width: cols[i] - pad * 2, align: spec.align?.[i] ?? 'left' }),
            ),
          );
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
    /**
     * A chart written as SVG (lib/reports/charts.ts) drawn as vector graphics:
     * the subset those charts use (rect, line, polyline, path, circle, text with
     * x/y/width/height/fill/stroke/font-size/text-anchor) in a figure with its
     * alternative text for screen readers.
     */
    svg(svg: string, opts: { alt: string; width?: number }) {
      const vb = /viewBox="([\d.\s-]+)"/.exec(svg)?.[1].split(/\s+/).map(Number) ?? [0, 0, 400, 200];
      const drawWidth = Math.min(opts.width ?? width(), width());
      const k = drawWidth / vb[2];
      const h = vb[3] * k;
      ensure(h + 10);
      const x0 = left;
      const y0 = doc.y;
      root.add(
        doc.struct('Figure', { alt: opts.alt }, () => {
          drawSvg(doc, svg, { x: x0 - vb[0] * k, y: y0 - vb[1] * k, k });
        }),
      );
      doc.x = left;
      doc.y = y0 + h + 8;
      doc.font('body').fontSize(SIZE.body).fillColor(INK);
      return api;
    },
    /** Closes the document: the table of contents, page numbers and the footer on every page. */
    async end(): Promise<Buffer> {
      root.end();
      const range = doc.bufferedPageRange();
      if (tocPages.length) {
        doc.switchToPage(tocPages[0]);
        doc.x = left;
        doc.y = doc.page.margins.top;
        doc.font('bold').fontSize(SIZE.h2).fillColor(INK).text('Contents', left, undefined, { width: width() });
        doc.moveDown(0.5);
        let line = 0;
        let pageIdx = 0;
        for (const e of tocEntries) {
          if (line >= TOC_LINES_PER_PAGE - 2 && pageIdx < tocPages.length - 1) {
            doc.switchToPage(tocPages[++pageIdx]);
            doc.y = doc.page.margins.top;
            line = 0;
          }
          const indent = e.level === 1 ? 0 : 14;
          const y = doc.y;
          doc.font(e.level === 1 ? 'bold' : 'body').fontSize(SIZE.body);
          doc.text(e.text, left + indent, y, { width: width() - indent - 50, lineBreak: false, ellipsis: true });
          doc.text(String(e.page + 1), left + width() - 50, y, { width: 50, align: 'right', lineBreak: false });
          doc.x = left;
          doc.y = y + SIZE.body * 1.5;
          line++;
        }
      }
      const local = meta.locale ? ` (${localStamp(meta.generatedAt, meta.locale)}, ${meta.locale.tag})` : '';
      const footer = `${meta.orgName} · ${meta.title} · generated ${utcStamp(meta.generatedAt)}${local}`;
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

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-z-]+)="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}

const unescapeXml = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Draws the SVG subset the portal's chart writer produces; anything else is ignored. */
function drawSvg(doc: PDFKit.PDFDocument, svg: string, t: { x: number; y: number; k: number }) {
  const X = (v: string | undefined) => t.x + Number(v ?? 0) * t.k;
  const Y = (v: string | undefined) => t.y + Number(v ?? 0) * t.k;
  const L = (v: string | undefined) => Number(v ?? 0) * t.k;
  const paint = (a: Record<string, string>) => {
    const fill = a.fill && a.fill !== 'none' ? a.fill : null;
    const stroke = a.stroke && a.stroke !== 'none' ? a.stroke : null;
    if (stroke) doc.lineWidth(L(a['stroke-width'] ?? '1')).strokeColor(stroke);
    if (fill && stroke) doc.fillAndStroke(fill, stroke);
    else if (fill) doc.fill(fill);
    else if (stroke) doc.stroke();
  };
  for (const m of svg.matchAll(/<(rect|line|polyline|path|circle|text)\b([^>]*?)(\/>|>([^<]*)<\/text>)/g)) {
    const [, tag, raw, , content] = m;
    const a = attrs(raw);
    doc.save();
    if (tag === 'rect') {
      doc.rect(X(a.x), Y(a.y), L(a.width), L(a.height));
      paint(a);
    } else if (tag === 'line') {
      doc.moveTo(X(a.x1), Y(a.y1)).lineTo(X(a.x2), Y(a.y2));
      paint({ ...a, fill: 'none' });
    } else if (tag === 'circle') {
      doc.circle(X(a.cx), Y(a.cy), L(a.r));
      paint(a);
    } else if (tag === 'polyline') {
      const pts = (a.points ?? '').trim().split(/\s+/).map((p) => p.split(',').map(Number));
      pts.forEach(([px, py], i) => (i === 0 ? doc.moveTo(t.x + px * t.k, t.y + py * t.k) : doc.lineTo(t.x + px * t.k, t.y + py * t.k)));
      paint({ ...a, fill: 'none' });
    } else if (tag === 'path') {
      doc.translate(t.x, t.y).scale(t.k).path(a.d ?? '');
      paint({ ...a, 'stroke-width': String(Number(a['stroke-width'] ?? 1) / t.k) });
    } else if (tag === 'text' && content) {
      const size = L(a['font-size'] ?? '10');
      doc.font(a['font-weight'] === 'bold' ? 'bold' : 'body').fontSize(size).fillColor(a.fill ?? INK);
      const text = unescapeXml(content);
      const w = doc.widthOfString(text);
      const anchor = a['text-anchor'];
      const x = X(a.x) - (anchor === 'middle' ? w / 2 : anchor === 'end' ? w : 0);
      doc.text(text, x, Y(a.y) - size * 0.8, { lineBreak: false });
    }
    doc.restore();
  }
}
