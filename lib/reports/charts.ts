// Charts as SVG strings, written on the server: the report pages show them
// inline and lib/pdf draws the same SVG into the PDFs, so the screen and the
// document carry the same figures. Plain SVG subset (rect, line, polyline,
// text) with a title for screen readers.

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const PALETTE = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2', '#64748b'];
const AXIS = '#94a3b8';
const INK = '#1e293b';

export type BarDatum = { label: string; value: number; color?: string };

/** Horizontal bars with their values written at the end (percentages when `max` is 100). */
export function barChart(title: string, data: BarDatum[], opts: { max?: number; unit?: string } = {}): string {
  const W = 520;
  const rowH = 22;
  const labelW = 190;
  const H = Math.max(40, data.length * rowH + 30);
  const max = opts.max ?? Math.max(1, ...data.map((d) => d.value));
  const barW = W - labelW - 60;
  const rows = data.map((d, i) => {
    const y = 24 + i * rowH;
    const w = Math.max(0, Math.min(1, d.value / max)) * barW;
    return [
      `<text x="${labelW - 6}" y="${y + 14}" font-size="10" text-anchor="end" fill="${INK}">${esc(d.label.length > 34 ? `${d.label.slice(0, 33)}…` : d.label)}</text>`,
      `<rect x="${labelW}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${d.color ?? PALETTE[i % PALETTE.length]}"/>`,
      `<text x="${(labelW + w + 4).toFixed(1)}" y="${y + 14}" font-size="10" fill="${INK}">${esc(`${d.value}${opts.unit ?? ''}`)}</text>`,
    ].join('');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title><text x="0" y="12" font-size="11" font-weight="bold" fill="${INK}">${esc(title)}</text><line x1="${labelW}" y1="22" x2="${labelW}" y2="${H - 4}" stroke="${AXIS}" stroke-width="1"/>${rows.join('')}</svg>`;
}

export type LineSeries = { name: string; points: { label: string; value: number }[] };

/** A line per series over shared x labels (quarters, months), 0–`max` on the y axis. */
export function lineChart(title: string, series: LineSeries[], opts: { max?: number; unit?: string } = {}): string {
  const W = 520;
  const H = 220;
  const pad = { l: 40, r: 110, t: 24, b: 30 };
  const labels = series[0]?.points.map((p) => p.label) ?? [];
  const max = opts.max ?? Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.value)));
  const x = (i: number) => pad.l + (labels.length <= 1 ? 0 : (i * (W - pad.l - pad.r)) / (labels.length - 1));
  const y = (v: number) => pad.t + (1 - Math.max(0, Math.min(1, v / max))) * (H - pad.t - pad.b);
  const grid = [0, 0.5, 1].map((f) => `<line x1="${pad.l}" y1="${y(max * f).toFixed(1)}" x2="${W - pad.r}" y2="${y(max * f).toFixed(1)}" stroke="#e2e8f0" stroke-width="1"/><text x="${pad.l - 4}" y="${(y(max * f) + 3).toFixed(1)}" font-size="9" text-anchor="end" fill="${INK}">${Math.round(max * f)}${esc(opts.unit ?? '')}</text>`);
  const xs = labels.map((l, i) => `<text x="${x(i).toFixed(1)}" y="${H - 12}" font-size="9" text-anchor="middle" fill="${INK}">${esc(l)}</text>`);
  const lines = series.map((s, si) => {
    const color = PALETTE[si % PALETTE.length];
    const pts = s.points.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
    const last = s.points[s.points.length - 1];
    return `<polyline points="${pts}" fill="none" stroke="${color}" stroke-width="2"/>${last ? `<text x="${W - pad.r + 6}" y="${(y(last.value) + 3).toFixed(1)}" font-size="9" fill="${color}">${esc(s.name.length > 18 ? `${s.name.slice(0, 17)}…` : s.name)} ${last.value}${esc(opts.unit ?? '')}</text>` : ''}`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title><text x="0" y="12" font-size="11" font-weight="bold" fill="${INK}">${esc(title)}</text>${grid.join('')}${xs.join('')}${lines.join('')}</svg>`;
}
