import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { ROLES, type Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('token_caps');
const { db } = await import('@/lib/db');
const { allowedBy, createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const tokens = await import('./mutations');
const tokenQueries = await import('./queries');

let actors: Record<Role, Actor>;
let n = 0;

type State = 'active' | 'expired' | 'revoked';

async function tokenIn(state: State) {
  n += 1;
  const t = await tokens.createToken(actors.ADMIN, { name: `Caps token ${n}`, scopes: ['models:read'], expiresInDays: 30 });
  if (state === 'expired') await db.apiToken.update({ where: { id: t.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
  if (state === 'revoked') await tokens.revokeToken(actors.ADMIN, t.id);
  return t.id;
}

beforeAll(async () => {
  ({ actors } = await createOrgWithRoles('Token Caps Org'));
});

describe('token capabilities agree with rotateToken and revokeToken', () => {
  for (const state of ['active', 'expired', 'revoked'] as State[]) {
    it(`for every role on a token ${state}`, async () => {
      const disagreements: string[] = [];
      for (const role of ROLES) {
        const id = await tokenIn(state);
        const list = await tokenQueries.listTokens(actors[role]).catch((e: { code?: string }) => {
          if (e.code !== 'FORBIDDEN') throw e;
          return null;
        });
        // A role that cannot list tokens is offered nothing.
        const expected = list?.find((t) => t.id === id)?.capabilities.revoke ?? false;
        const rotateExpected = list?.find((t) => t.id === id)?.capabilities.rotate ?? false;
        const rotated = await allowedBy(tokens.rotateToken(actors[role], id));
        if (rotated !== rotateExpected) disagreements.push(`${role} rotate: capability ${rotateExpected}, mutation ${rotated ? 'allowed' : 'refused'}`);
        const allowed = await allowedBy(tokens.revokeToken(actors[role], id));
        if (allowed !== expected) disagreements.push(`${role} revoke: capability ${expected}, mutation ${allowed ? 'allowed' : 'refused'}`);
      }
      expect(disagreements).toEqual([]);
    });
  }
});

describe('the scopes a person may put on a token of their own agree with createToken', () => {
  it('offers engineers the monitoring pipeline scopes, auditors none, and every offered scope is accepted', async () => {
    const { grantableTokenScopes } = await import('./capabilities');
    const { TOKEN_SCOPES } = await import('@/lib/auth/permissions');
    expect(grantableTokenScopes(actors.ENGINEER)).toEqual(['monitoring:read', 'monitoring:write']);
    expect(grantableTokenScopes(actors.AUDITOR)).toEqual([]);
    for (const role of ROLES) {
      const offered = grantableTokenScopes(actors[role]);
      if (offered.length) await expect(tokens.createToken(actors[role], { name: `own ${role}`, scopes: offered, expiresInDays: 7 })).resolves.toMatchObject({ scopes: offered });
      // Nothing beyond what is offered is accepted.
      for (const extra of TOKEN_SCOPES.filter((p) => !offered.includes(p)).slice(0, 3)) expect(await allowedBy(tokens.createToken(actors[role], { name: `beyond ${role}`, scopes: [...offered, extra], expiresInDays: 7 }))).toBe(false);
    }
  });

  it('lists a person\'s own tokens only', async () => {
    const mine = await tokenQueries.listMyTokens(actors.ENGINEER);
    expect(mine.map((t) => t.name)).toEqual(['own ENGINEER']);
    expect(mine[0].capabilities).toEqual({ revoke: true, rotate: false });
    expect((await tokenQueries.listMyTokens(actors.AUDITOR)).map((t) => t.name)).toEqual([]);
  });
});
