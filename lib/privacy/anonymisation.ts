// The anonymisation check (pure): k-anonymity over the quasi-identifiers and
// l-diversity of a sensitive attribute, on a sample's rows. "Assuming
// anonymised data is truly anonymous" is a listed pitfall: a sample where some
// combination of quasi-identifiers is shared by fewer than k rows lets those
// people be singled out, and a class whose sensitive values are all alike
// discloses the value without singling anyone out.

export const DEFAULT_K = 5;
export const DEFAULT_L = 2;

export type AnonymityFigures = {
  rows: number;
  quasiIdentifiers: string[];
  sensitive: string | null;
  /** Equivalence classes: rows sharing every quasi-identifier value. */
  classes: number;
  /** The size of the smallest class (the sample's k). */
  k: number;
  /** Classes smaller than the threshold, and the rows in them. */
  classesBelowK: number;
  rowsBelowK: number;
  /** The fewest distinct sensitive values in a class (the sample's l); null without a sensitive attribute. */
  l: number | null;
  classesBelowL: number;
  kThreshold: number;
  lThreshold: number;
  warnings: string[];
};

export function anonymityFigures(header: readonly string[], rows: readonly (readonly string[])[], opts: { quasiIdentifiers: readonly string[]; sensitive?: string | null; k?: number; l?: number }): AnonymityFigures {
  const kThreshold = opts.k ?? DEFAULT_K;
  const lThreshold = opts.l ?? DEFAULT_L;
  const norm = (s: string) => s.trim().toLowerCase();
  const index = (name: string) => header.findIndex((h) => norm(h) === norm(name));
  const qi = opts.quasiIdentifiers.map((q) => ({ name: q, at: index(q) }));
  const missing = qi.filter((q) => q.at < 0).map((q) => q.name);
  if (missing.length) throw new Error(`Not a column of the sample: ${missing.join(', ')}`);
  const sensitiveAt = opts.sensitive ? index(opts.sensitive) : -1;
  if (opts.sensitive && sensitiveAt < 0) throw new Error(`Not a column of the sample: ${opts.sensitive}`);
  if (opts.sensitive && qi.some((q) => q.at === sensitiveAt)) throw new Error('The sensitive attribute cannot also be a quasi-identifier.');

  const classes = new Map<string, { size: number; values: Set<string> }>();
  for (const row of rows) {
    const key = JSON.stringify(qi.map((q) => (row[q.at] ?? '').trim()));
    const c = classes.get(key) ?? { size: 0, values: new Set<string>() };
    c.size++;
    if (sensitiveAt >= 0) c.values.add((row[sensitiveAt] ?? '').trim());
    classes.set(key, c);
  }
  const all = [...classes.values()];
  const k = all.length ? Math.min(...all.map((c) => c.size)) : 0;
  const below = all.filter((c) => c.size < kThreshold);
  const l = sensitiveAt >= 0 && all.length ? Math.min(...all.map((c) => c.values.size)) : null;
  const classesBelowL = sensitiveAt >= 0 ? all.filter((c) => c.values.size < lThreshold).length : 0;
  const warnings: string[] = [];
  if (!rows.length) warnings.push('The sample has no rows.');
  if (rows.length && k < kThreshold) warnings.push(`k = ${k} is below ${kThreshold}: ${below.length} combination${below.length === 1 ? '' : 's'} of quasi-identifiers cover${below.length === 1 ? 's' : ''} fewer than ${kThreshold} rows (${below.reduce((n, c) => n + c.size, 0)} rows can be singled out). Generalise or suppress before calling the data anonymous.`);
  if (l !== null && rows.length && l < lThreshold) warnings.push(`l = ${l} is below ${lThreshold}: in ${classesBelowL} class${classesBelowL === 1 ? '' : 'es'} every row has the same “${opts.sensitive}”, so membership discloses it.`);
  return {
    rows: rows.length,
    quasiIdentifiers: qi.map((q) => header[q.at]),
    sensitive: sensitiveAt >= 0 ? header[sensitiveAt] : null,
    classes: all.length,
    k,
    classesBelowK: below.length,
    rowsBelowK: below.reduce((n, c) => n + c.size, 0),
    l,
    classesBelowL,
    kThreshold,
    lThreshold,
    warnings,
  };
}
