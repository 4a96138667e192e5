import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { changeRoleSchema, createUserSchema, listUsersQuerySchema, managerIdSchema, roleSchema, userListSchema, userSummarySchema } from './schema';

const idParams = z.object({ id: z.string().min(1).max(64) });

export const usersApi = {
  list: defineApi({
    method: 'GET',
    path: '/api/v1/users',
    tag: 'Users',
    summary: 'List users (recorded in the audit trail as a sensitive read)',
    permission: 'users:read',
    query: listUsersQuerySchema,
    response: userListSchema,
  }),
  create: defineApi({
    method: 'POST',
    path: '/api/v1/users',
    tag: 'Users',
    summary: 'Create a user with a password, or invite one (returns a one-time invite path)',
    permission: 'users:manage',
    body: createUserSchema,
    response: z.object({ id: z.string(), email: z.string(), name: z.string(), role: roleSchema, invitePath: z.string().nullable() }),
    successStatus: 201,
  }),
  update: defineApi({
    method: 'PATCH',
    path: '/api/v1/users/{id}',
    tag: 'Users',
    summary: 'Change a user\'s role or manager, or activate/deactivate them (deactivation ends their sessions)',
    permission: 'users:manage',
    params: idParams,
    body: z
      .object({
        role: changeRoleSchema.shape.role.optional(),
        active: z.boolean().optional(),
        managerId: managerIdSchema.optional().describe('Their line manager (a user id of this organisation, not themselves), or null for none'),
      })
      .refine((b) => b.role !== undefined || b.active !== undefined || b.managerId !== undefined, 'Give a role, managerId or active'),
    response: userSummarySchema.pick({ id: true }).extend({ role: roleSchema.optional(), active: z.boolean().optional(), managerId: z.string().nullable().optional() }),
  }),
};
