import { z } from 'zod';
import { blankAsUndefined } from '@/lib/api/params';
import { AUDIT_STANDARDS } from '../audits/schema';
import { dateSchema, idSchema } from '../schema';

// Zod schemas for certifications. Safe for the client.

export const certificationInputSchema = z
  .object({
    name: z.string().trim().min(2, 'Name the certification').max(200),
    standard: z.enum(AUDIT_STANDARDS),
    issuer: z.string().trim().min(2, 'Name the issuer').max(200),
    scope: z.string().trim().min(2, 'Describe the scope').max(2000),
    issuedAt: dateSchema,
    expiresAt: dateSchema,
    auditId: blankAsUndefined(idSchema),
    reportEvidenceId: blankAsUndefined(idSchema),
  })
  .refine((c) => c.expiresAt > c.issuedAt, { path: ['expiresAt'], message: 'The expiry date must be after the issue date' });
export type CertificationInput = z.input<typeof certificationInputSchema>;

export const CERT_EXPIRY_WARN_DAYS = 90;
