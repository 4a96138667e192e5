import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { createTokenSchema, tokenSummarySchema } from './schema';

export const tokensApi = {
  list: defineApi({
    method: 'GET',
    path: '/api/v1/tokens',
    tag: 'API tokens',
    summary: 'List API tokens (never their secrets)',
    permission: 'tokens:manage',
    response: z.object({ items: z.array(tokenSummarySchema) }),
  }),
  create: defineApi({
    method: 'POST',
    path: '/api/v1/tokens',
    tag: 'API tokens',
    summary: 'Create an API token; the secret is in this response only',
    description: 'Only a signed-in administrator can create tokens (not another token).',
    permission: 'tokens:manage',
    body: createTokenSchema,
    response: z.object({ id: z.string(), name: z.string(), prefix: z.string(), scopes: z.array(z.string()), expiresAt: z.string(), secret: z.string() }),
    successStatus: 201,
  }),
  revoke: defineApi({
    method: 'DELETE',
    path: '/api/v1/tokens/{id}',
    tag: 'API tokens',
    summary: 'Revoke an API token',
    permission: 'tokens:manage',
    params: z.object({ id: z.string().min(1).max(64) }),
    response: z.object({ id: z.string(), revokedAt: z.string() }),
  }),
  rotate: defineApi({
    method: 'POST',
    path: '/api/v1/tokens/{id}/rotate',
    tag: 'API tokens',
    summary: 'Rotate an API token: a new secret for the same token; the old one works for the grace period',
    description: 'Only a signed-in administrator can rotate tokens (not another token). The new secret is in this response only.',
    permission: 'tokens:manage',
    params: z.object({ id: z.string().min(1).max(64) }),
    response: z.object({ id: z.string(), name: z.string(), prefix: z.string(), expiresAt: z.string(), previousValidUntil: z.string(), secret: z.string() }),
  }),
};
