import { z } from 'zod';
import { ROLES } from '@/lib/auth/permissions';

// Admin-side inputs of SCIM provisioning (safe for the client).

export const createScimTokenSchema = z.object({ name: z.string().trim().min(1, 'Enter a name').max(80) });
export const scimTokenIdSchema = z.object({ id: z.string().min(1).max(64) });

const roleOrNone = z.preprocess((v) => (v === '' || v === 'NONE' ? null : v), z.enum(ROLES).nullable());

export const mapGroupRoleSchema = z.object({ groupId: z.string().min(1).max(64), role: roleOrNone });

/** The role of a provisioned user whom no mapped group gives one. */
export const scimSettingsSchema = z.object({ defaultRole: z.enum(ROLES) });
export type ScimSettings = z.infer<typeof scimSettingsSchema>;
export const DEFAULT_SCIM_SETTINGS: ScimSettings = { defaultRole: 'ENGINEER' };

/** When a user is in several mapped groups, the first of these wins. */
export const ROLE_PRECEDENCE = ['ADMIN', 'COMPLIANCE_OFFICER', 'PRIVACY_OFFICER', 'AUDITOR', 'ENGINEER'] as const;
