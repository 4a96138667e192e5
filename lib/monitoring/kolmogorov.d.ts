// @stdlib/stats-kstest ships the Kolmogorov distribution it uses
// (Marsaglia, Tsang & Wang 2003) as an internal module without types.
declare module '@stdlib/stats-kstest/lib/marsaglia.js' {
  /** P(D_n < d) for the two-sided one-sample Kolmogorov statistic of a sample of size n. */
  function pKolmogorov(d: number, n: number): number;
  export = pKolmogorov;
}
