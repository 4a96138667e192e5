import { z } from 'zod';
import { idListSchema, idSchema } from '../schema';

// The audit workspace's settings (due-date defaults, auditor visibility). Safe for the client.

export const SEVERITY_KEYS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
const days = z.coerce.number().int().min(1, 'At least 1 day').max(3650, 'At most 10 years');

export const auditSettingsSchema = z.object({
  dueDays: z.object({ CRITICAL: days, HIGH: days, MEDIUM: days, LOW: days }),
  /** Every auditor sees every audit (an internal audit function). */
  allAuditorsSeeAll: z.boolean(),
  /** Auditors who are internal staff and see everything. */
  internalAuditorIds: z.array(idSchema).max(500),
});
export type AuditSettings = z.infer<typeof auditSettingsSchema>;

export const DEFAULT_AUDIT_SETTINGS: AuditSettings = {
  dueDays: { CRITICAL: 30, HIGH: 60, MEDIUM: 90, LOW: 180 },
  allAuditorsSeeAll: false,
  internalAuditorIds: [],
};

/** The settings form: flat fields and a checkbox. */
export const auditSettingsFormSchema = z.object({
  dueCRITICAL: days,
  dueHIGH: days,
  dueMEDIUM: days,
  dueLOW: days,
  allAuditorsSeeAll: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
  internalAuditorIds: idListSchema,
});
