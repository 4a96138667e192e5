import { z } from 'zod';
import { blankAsUndefined, flag } from '@/lib/api/params';
import { frameworkKeySchema, SYSTEM_ROLES } from '../library-schema';
import { DOMAINS, RISK_TIERS, SYSTEM_STATUSES, REGIONS } from './vocabulary';
import { id, trimmed, ownerOrNull } from './fields';

export const systemInputSchema = z.object({
  name: trimmed(120, 'a name'),
  purpose: trimmed(2000, 'a purpose'),
  domain: z.enum(DOMAINS),
  regions: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.enum(REGIONS)).min(1, 'Choose at least one region').max(REGIONS.length)),
  riskTier: z.enum(RISK_TIERS),
  /** What the organisation is for this system; narrows role-specific suggestions (Colorado, SP 800-218A). */
  roles: z.preprocess((v) => (typeof v === 'string' ? (v === '' ? [] : [v]) : Array.isArray(v) ? v.filter((x) => x !== '') : v), z.array(z.enum(SYSTEM_ROLES)).max(SYSTEM_ROLES.length)).default([]),
  status: z.enum(SYSTEM_STATUSES).default('IN_DEVELOPMENT'),
  businessOwnerId: blankAsUndefined(id),
  technicalOwnerId: blankAsUndefined(id),
  /** Card payments bring PCI DSS into the suggestions. */
  cardPayments: blankAsUndefined(flag),
});
export type SystemInput = z.input<typeof systemInputSchema>;

// Built without the create defaults, so a PATCH that leaves a field out leaves it alone.
export const updateSystemSchema = systemInputSchema
  .extend({ status: z.enum(SYSTEM_STATUSES).optional(), roles: systemInputSchema.shape.roles.unwrap().optional() })
  .partial()
  .extend({ id, businessOwnerId: ownerOrNull, technicalOwnerId: ownerOrNull });

export const setSystemFrameworksSchema = z.object({
  systemId: id,
  // Required: a missing field must not mean "clear them all" (send [] for that).
  // The form posts an empty hidden value first, so unticking every box still sends the field.
  frameworkKeys: z.preprocess((v) => {
    const list = typeof v === 'string' ? [v] : v;
    return Array.isArray(list) ? list.filter((k) => k !== '') : list;
  }, z.array(frameworkKeySchema).max(100)),
});
