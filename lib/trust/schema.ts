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
  showPolicies: flag.default(false),
  /** Policies whose latest published version the page shows. */
  policies: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  /** The NDA a visitor accepts before requesting a document; blank: none. A changed text is a new version. */
  // Browsers send a textarea with CRLF line ends: normalised, so the same text keeps its version and hash.
  ndaText: z.string().transform((v) => v.replace(/\r\n?/g, '\n').trim()).pipe(z.string().max(20_000)).nullish().transform((v) => (v ? v : null)),
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
  const policies = entries.filter(([k, v]) => k.startsWith('policy:') && v === 'on').map(([k]) => k.slice('policy:'.length));
  return { ...Object.fromEntries(entries.filter(([k]) => !k.startsWith('status:') && !k.startsWith('policy:'))), frameworks, policies };
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
  /** Absent in snapshots published before policies and documents existed. */
  policies?: { id: string; title: string; category: string; version: string; publishedAt: string | null; body: string }[] | null;
  documents?: { id: string; title: string; description: string | null }[];
  nda?: { version: number; text: string; sha256: string } | null;
};

const MB = 1024 * 1024;
// Server Actions take bodies up to 1 MB (Next's default, shared by every form); larger reports need an /api/v1 multipart route.
export const TRUST_DOCUMENT_MAX_BYTES = 1 * MB - 64 * 1024;
export const TRUST_DOCUMENT_TYPES = ['application/pdf', 'application/zip', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/plain'] as const;

export const addTrustDocumentSchema = z.object({
  title: z.string().trim().min(1, 'Give the document a title').max(200),
  description: z.string().trim().max(1000).nullish().transform((v) => (v ? v : null)),
  file: z
    .instanceof(File, { message: 'Choose a file' })
    .refine((f) => f.size > 0, 'The file is empty')
    .refine((f) => f.size <= TRUST_DOCUMENT_MAX_BYTES, 'Documents are limited to 960 KB'),
});
export type AddTrustDocumentInput = z.input<typeof addTrustDocumentSchema>;

export const trustDocumentIdSchema = z.object({ id: z.string().trim().min(1).max(100) });

/** What a visitor sends from the public page. */
export const trustDocumentRequestSchema = z.object({
  document: z.string().trim().min(1, 'Choose a document').max(100),
  name: z.string().trim().min(1, 'Give your name').max(200),
  company: z.string().trim().min(1, 'Give your company').max(200),
  email: z.string().trim().max(254).pipe(z.email('Give a valid e-mail address')),
  /** The NDA version shown on the page; required (with `nda` = "on") when the page asks for one. */
  ndaVersion: z.coerce.number().int().positive().optional(),
  nda: z.literal('on').optional(),
});
export type TrustDocumentRequestInput = z.input<typeof trustDocumentRequestSchema>;

export const TRUST_REQUEST_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'REVOKED'] as const;
export type TrustRequestStatus = (typeof TRUST_REQUEST_STATUSES)[number];

export const decideTrustRequestSchema = z.object({
  id: z.string().trim().min(1).max(100),
  decision: z.enum(['APPROVE', 'REJECT']),
  note: z.string().trim().max(1000).nullish().transform((v) => (v ? v : null)),
  expiresInDays: z.coerce.number().int().min(1, 'At least 1 day').max(30, 'At most 30 days').default(7),
});
export type DecideTrustRequestInput = z.input<typeof decideTrustRequestSchema>;

export const listTrustRequestsSchema = z.object({
  status: z.enum(TRUST_REQUEST_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
