import { enumLabel } from '@/lib/format';

// Colours chosen for contrast and to stay apart for common colour-vision deficiencies.
export const STATUS_COLORS: Record<string, string> = {
  COMPLIANT: '#15803d',
  PARTIALLY_COMPLIANT: '#a16207',
  NON_COMPLIANT: '#b91c1c',
  NOT_APPLICABLE: '#475569',
  // Every fill at least 3:1 against white (WCAG 1.4.11); legend text is dark, not the fill colour.
  NOT_ASSESSED: '#78869b',
};
export const SEVERITY_COLORS: Record<string, string> = { CRITICAL: '#7f1d1d', HIGH: '#dc2626', MEDIUM: '#b45309', LOW: '#64748b' };
export const LEGEND_TEXT = { color: '#1e293b' };
/** Long category names (framework titles) are shortened on the axis; the table below has them whole. */
export const shorten = (v: string) => (v.length > 24 ? `${v.slice(0, 23)}…` : v);
const NAMES: Record<string, string> = { compliantPct: 'Compliant of assessed (%)', assessedPct: 'Assessed of all cells (%)' };
export const chartLabel = (k: string) => NAMES[k] ?? enumLabel(k);

export type Row = Record<string, string | number>;
