import { z } from 'zod';
import { blankAsUndefined, flag } from '@/lib/api/params';
import { dateSchema, idSchema } from '@/lib/audits/schema';
import { ROLES } from '@/lib/auth/permissions';

export const POLICY_CATEGORIES = ['AI acceptable use', 'Model risk management', 'Data retention', 'Incident response', 'Governance charter', 'Other'] as const;
const roles = z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(ROLES)).max(ROLES.length));
const body = z.string().max(200_000).refine((s) => s.trim().length >= 10, 'Write the policy text (at least 10 characters)');

export const createPolicySchema = z.object({
  title: z.string().trim().min(3, 'Give the policy a title').max(200),
  category: z.enum(POLICY_CATEGORIES, { error: 'Choose a category' }),
  requiredRoles: roles.default([]),
  reviewDueAt: blankAsUndefined(dateSchema),
  body,
  changeNote: blankAsUndefined(z.string().trim().max(2000)),
});
export type CreatePolicyInput = z.input<typeof createPolicySchema>;

export const draftVersionSchema = z.object({
  policyId: idSchema,
  body,
  changeNote: blankAsUndefined(z.string().trim().max(2000)),
  /** A major version asks everyone to acknowledge again; a minor one does not. */
  major: flag.optional().default(false),
});
export const versionIdSchema = z.object({ versionId: idSchema });
export const policyIdSchema = z.object({ policyId: idSchema });
export const updatePolicySchema = z.object({
  policyId: idSchema,
  requiredRoles: roles.default([]),
  reviewDueAt: blankAsUndefined(dateSchema),
});

export const recordTrainingSchema = z.object({
  courseId: idSchema,
  userId: idSchema,
  completedAt: dateSchema,
});
export const createCourseSchema = z.object({
  title: z.string().trim().min(3, 'Give the course a title').max(200),
  provider: blankAsUndefined(z.string().trim().max(200)),
  validityMonths: blankAsUndefined(z.coerce.number().int('Whole months').min(1).max(120)),
  requiredRoles: roles.default([]),
});
