import { z } from 'zod';
import { ROLES } from '@/lib/auth/permissions';
import { defineApi } from '@/lib/api/spec';

export const platformApi = {
  openapi: defineApi({
    method: 'GET',
    path: '/api/v1/openapi.json',
    tag: 'Meta',
    summary: 'This OpenAPI 3.1 document',
    public: true,
    response: z.object({ openapi: z.string() }).loose(),
  }),
  signingKey: defineApi({
    method: 'GET',
    path: '/api/v1/signing-key',
    tag: 'Meta',
    summary: 'The Ed25519 public key (SPKI PEM) that verifies model attestations and evidence packs',
    public: true,
    responseType: 'application/x-pem-file',
  }),
  me: defineApi({
    method: 'GET',
    path: '/api/v1/me',
    tag: 'Meta',
    summary: 'Who the caller is and what they may do',
    response: z.object({
      kind: z.enum(['user', 'token', 'system']),
      name: z.string(),
      email: z.string().nullable(),
      role: z.enum(ROLES).nullable(),
      permissions: z.array(z.string()),
    }),
  }),
};
