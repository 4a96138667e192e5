import { describe, expect, it } from 'vitest';
import { renderTrustPage } from './render';
import type { TrustSnapshot } from './schema';

const snapshot: TrustSnapshot = {
  orgName: 'Acme',
  slug: 'acme',
  publishedAt: '2026-06-01T10:00:00.000Z',
  securityContact: null,
  certifications: [
    { name: 'SOC 2 Type II', standard: 'SOC2_TYPE2', issuer: 'Audit & Co', issuedAt: '2026-01-10T00:00:00.000Z', expiresAt: '2026-07-01T00:00:00.000Z' },
    { name: 'ISO 27001', standard: 'ISO_27001', issuer: 'Cert Body', issuedAt: '2026-02-01T00:00:00.000Z', expiresAt: '2029-02-01T00:00:00.000Z' },
  ],
  frameworks: null,
  attestations: null,
  publicKey: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----',
};

describe('renderTrustPage', () => {
  it('shows each certification with its validity until the day it lapses, and no longer claims it afterwards', () => {
    const during = renderTrustPage(snapshot, '2026-07-01');
    expect(during).toContain('SOC 2 Type II');
    expect(during).toContain('<time datetime="2026-07-01T00:00:00.000Z">2026-07-01</time>');
    const after = renderTrustPage(snapshot, '2026-07-02');
    expect(after).not.toContain('SOC 2 Type II');
    expect(after).toContain('ISO 27001');
    expect(renderTrustPage(snapshot, '2029-02-02')).toContain('No certification is currently valid.');
  });

  it('prints the folded details open and leaves the request form out', () => {
    const html = renderTrustPage(snapshot, '2026-07-01');
    expect(html).toMatch(/@media print\{form\{display:none\}.*details::details-content\{display:block;content-visibility:visible\}/);
  });
});
