import { z } from 'zod';
import { ROLES } from '@/lib/auth/permissions';

// Second factors and the MFA policy. Safe for the client.

export const mfaPolicySchema = z.object({
  /** Roles that must have a second factor. */
  requiredRoles: z.array(z.enum(ROLES)).max(20),
  /** Days a required user may still sign in without one, counted from the first sign-in it applied. */
  graceDays: z.coerce.number().int('Whole days').min(0, 'At least 0 days').max(90, 'At most 90 days'),
  /** An OIDC/SAML sign-in whose identity provider reports MFA (amr/acr) counts as a second factor. */
  trustIdpMfa: z.boolean(),
});
export type MfaPolicy = z.infer<typeof mfaPolicySchema>;

export const DEFAULT_MFA_POLICY: MfaPolicy = { requiredRoles: ['ADMIN', 'COMPLIANCE_OFFICER'], graceDays: 7, trustIdpMfa: false };

const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());
export const mfaPolicyFormSchema = z.object({
  requiredRoles: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), mfaPolicySchema.shape.requiredRoles),
  graceDays: mfaPolicySchema.shape.graceDays,
  trustIdpMfa: checkbox,
});

export const codeSchema = z.object({
  code: z.string().trim().min(6, 'Enter the 6-digit code or a recovery code').max(20, 'Enter the 6-digit code or a recovery code'),
});

export const verifyFactorSchema = codeSchema.extend({ callbackUrl: z.string().max(2000).optional() });

export const userIdSchema = z.object({ id: z.string().min(1).max(64) });

export const passkeyNameSchema = z.object({ name: z.string().trim().min(1, 'Give the passkey a name').max(60, 'At most 60 characters') });

/** The browser's WebAuthn answer travels as JSON text (it is verified on the server). */
const webauthnResponse = z.string().min(2, 'No answer from the passkey').max(20_000, 'The passkey answer is too long');
export const registerPasskeySchema = passkeyNameSchema.extend({ response: webauthnResponse });
export const renamePasskeySchema = passkeyNameSchema.extend({ id: z.string().min(1).max(64) });
export const verifyPasskeySchema = z.object({ response: webauthnResponse, callbackUrl: z.string().max(2000).optional() });

/** Age after which a second factor no longer counts for a sensitive action. */
export const STEP_UP_MAX_AGE_MS = 10 * 60_000;
