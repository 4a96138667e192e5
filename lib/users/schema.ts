import { z } from 'zod';
import { blankAsUndefined } from '@/lib/api/params';
import { ROLES } from '@/lib/auth/permissions';

export const roleSchema = z.enum(ROLES);

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email('Enter a valid email address'));

export const createUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, 'Enter a name').max(120),
  role: roleSchema,
  /** 'invite' returns a one-time link; 'password' sets an initial password. */
  mode: z.enum(['invite', 'password']).default('invite'),
  password: z.string().max(256).optional(),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const changeRoleSchema = z.object({ id: z.string().min(1).max(64), role: roleSchema });
export const userIdSchema = z.object({ id: z.string().min(1).max(64) });
/** A user's line manager: an id of the same organisation, or empty/null for none. */
export const managerIdSchema = z.preprocess((v) => (v === '' ? null : v), z.string().min(1).max(64).nullable());
export const setManagerSchema = z.object({ id: z.string().min(1).max(64), managerId: managerIdSchema });

export const listUsersQuerySchema = z.object({
  q: blankAsUndefined(z.string().trim().max(120)),
  role: blankAsUndefined(roleSchema),
  status: z.enum(['active', 'inactive', 'all']).default('all'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListUsersQuery = z.input<typeof listUsersQuerySchema>;

export const acceptInviteSchema = z
  .object({
    token: z.string().min(20).max(200),
    password: z.string().max(256),
    confirm: z.string().max(256),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The passwords do not match' });

export const userSummarySchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  active: z.boolean(),
  invitePending: z.boolean(),
  mfaEnrolled: z.boolean().describe('Has an authenticator app or a passkey'),
  manager: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable().describe('Their line manager, the default reviewer of their access in an access review'),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  capabilities: z
    .object({ changeRole: z.boolean(), deactivate: z.boolean(), reactivate: z.boolean(), reissueInvite: z.boolean(), setManager: z.boolean(), resetMfa: z.boolean() })
    .describe('What the caller may do to this user (the last active administrator cannot be demoted or deactivated)'),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const userListSchema = z.object({
  items: z.array(userSummarySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
