import { describe, expect, it } from 'vitest';
import { createUserSchema } from '@/lib/users/schema';
import { createTokenSchema } from './schema';

describe('token and user schemas', () => {
  it('accepts a valid token request and removes duplicate scopes', () => {
    const parsed = createTokenSchema.parse({ name: 'deploy', scopes: ['models:read', 'models:read'], expiresInDays: '30' });
    expect(parsed).toEqual({ name: 'deploy', scopes: ['models:read'], expiresInDays: 30 });
  });

  it('rejects unknown scopes, no scopes and long expiry with clear messages', () => {
    expect(createTokenSchema.safeParse({ name: 'x1', scopes: ['root'], expiresInDays: 1 }).success).toBe(false);
    const none = createTokenSchema.safeParse({ name: 'x1', scopes: [], expiresInDays: 1 });
    expect(none.success ? '' : none.error.issues[0].message).toMatch(/at least one scope/);
    const long = createTokenSchema.safeParse({ name: 'x1', scopes: ['models:read'], expiresInDays: 1000 });
    expect(long.success ? '' : long.error.issues[0].message).toMatch(/365/);
  });

  it('never scopes a token to a session-only permission (webhook management)', () => {
    expect(createTokenSchema.safeParse({ name: 'hooks', scopes: ['webhooks:manage'], expiresInDays: 1 }).success).toBe(false);
  });

  it('normalises emails and rejects malformed ones', () => {
    expect(createUserSchema.parse({ email: ' Jane@Acme.Example ', name: 'Jane', role: 'ENGINEER' }).email).toBe('jane@acme.example');
    expect(createUserSchema.safeParse({ email: 'not-an-email', name: 'Jane', role: 'ENGINEER' }).success).toBe(false);
    expect(createUserSchema.safeParse({ email: 'a@b.example', name: 'Jane', role: 'ROOT' }).success).toBe(false);
  });
});
