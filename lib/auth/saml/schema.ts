import { z } from 'zod';
import { blankAsUndefined, flag, numeric } from '@/lib/api/params';

// The organisation's SAML identity provider, as an administrator enters it
// (safe for the client). Metadata XML, when given, fills the three IdP fields.

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** PEM certificates, or bare base64 as metadata carries them, as PEM blocks. */
export function certificatesOf(text: string): string[] {
  const blocks = text.match(PEM_BLOCK);
  if (blocks) return blocks.map((b) => b.trim());
  const bare = text.replace(/\s+/g, '');
  if (/^[A-Za-z0-9+/]{100,}={0,2}$/.test(bare)) return [`-----BEGIN CERTIFICATE-----\n${bare.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----`];
  return [];
}

export const samlSettingsSchema = z
  .object({
    enabled: flag.default(false),
    metadataXml: blankAsUndefined(z.string().max(200_000, 'At most 200 KB of metadata')),
    idpEntityId: blankAsUndefined(z.string().trim().max(500)),
    ssoUrl: blankAsUndefined(z.url({ protocol: /^https?$/, error: 'Enter the IdP’s single sign-on URL (https://…)' }).max(2000)),
    idpCert: blankAsUndefined(z.string().max(50_000)),
    clockSkewSeconds: numeric(z.number().int().min(0, 'At least 0').max(300, 'At most 300 seconds (5 minutes)')).default(60),
  })
  .superRefine((v, ctx) => {
    if (v.metadataXml) return;
    if (!v.idpEntityId) ctx.addIssue({ code: 'custom', path: ['idpEntityId'], message: 'Enter the IdP’s entity ID, or paste its metadata XML' });
    if (!v.ssoUrl) ctx.addIssue({ code: 'custom', path: ['ssoUrl'], message: 'Enter the IdP’s single sign-on URL, or paste its metadata XML' });
    if (!v.idpCert) ctx.addIssue({ code: 'custom', path: ['idpCert'], message: 'Paste the IdP’s signing certificate, or its metadata XML' });
    else if (!certificatesOf(v.idpCert).length) ctx.addIssue({ code: 'custom', path: ['idpCert'], message: 'Paste a PEM certificate (-----BEGIN CERTIFICATE-----)' });
  });
export type SamlSettingsInput = z.input<typeof samlSettingsSchema>;
