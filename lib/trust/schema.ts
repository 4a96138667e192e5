import { z } from 'zod';
import { flag } from '@/lib/api/params';

export const TRUST_STATUSES = ['COMPLIANT', 'IN_PROGRESS', 'PLANNED'] as const;
export type TrustStatus = (typeof TRUST_STATUSES)[number];
export const TRUST_STATUS_LABELS: Record<TrustStatus, string> = { COMPLIANT: 'Compliant', IN_PROGRESS: 'In progress', PLANNED: 'Planned' };

export const trustFrameworkSchema = z.object({ key: z.string().trim().min(1).max(100), status: z.enum(TRUST_STATUSES) });

export const trustSettingsSchema = z.object({
  enabled: flag.default(false),
  showCertifications: flag.default(false),
  showFrameworks: flag.default(false),
  showAttestations: flag.default(false),
  securityContact: z
    .string()
    .trim()
    .max(200)
    .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) || /^https:\/\/\S+$/.test(v), 'Give an e-mail address or an https:// address')
    .nullish()
    .transform((v) => (v ? v : null)),
  frameworks: z.array(trustFrameworkSchema).max(200).default([]),
});
export type TrustSettingsInput = z.input<typeof trustSettingsSchema>;

/**
 * The settings form sends one `status:<frameworkKey>` field per framework
 * ("" = not shown); this folds them into `frameworks`.
 */
export const trustSettingsFormSchema = z.preprocess((raw) => {
  if (!raw || typeof raw !== 'object') return raw;
  const entries = Object.entries(raw as Record<string, unknown>);
  const frameworks = entries
    .filter(([k, v]) => k.startsWith('status:') && typeof v === 'string' && v !== '')
    .map(([k, v]) => ({ key: k.slice('status:'.length), status: v }));
  return { ...Object.fromEntries(entries.filter(([k]) => !k.startsWith('status:'))), frameworks };
}, trustSettingsSchema);

/** What the public page shows: fixed when the centre is published. */
export type TrustSnapshot = {
  orgName: string;
  slug: string;
  publishedAt: string;
  securityContact: string | null;
  certifications: { name: string; standard: string; issuer: string; issuedAt: string; expiresAt: string }[] | null;
  frameworks: { key: string; name: string; status: TrustStatus }[] | null;
  attestations: { model: string; modelName: string; version: string; digest: string | null; approvals: { role: string; name: string; at: string }[]; manifest: string; signature: string; signedAt: string }[] | null;
  publicKey: string;
};
