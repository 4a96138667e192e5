import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('links');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const links = await import('./links');
const { landLink } = await import('./landing');

let actors: Record<Role, Actor>;
let orgId: string;
const meta = { id: 'req-link', ip: '203.0.113.7' };

async function issue(opts: Partial<Parameters<typeof links.issueLink>[2]> = {}) {
  return db.$transaction((tx) =>
    links.issueLink(tx, actors.COMPLIANCE_OFFICER, { purpose: 'vendor_questionnaire', subjectId: 'subject-1', singleUse: false, recipient: 'vendor@example.com', ...opts }),
  );
}

async function events(entityId: string) {
  return db.auditEvent.findMany({ where: { entityType: 'access_link', entityId }, orderBy: { seq: 'asc' }, select: { action: true, actorLabel: true, changes: true } });
}

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Links Org'));
});

describe('link lifecycle', () => {
  it('stores only the hash of the token, and the issue is audited', async () => {
    const issued = await issue();
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued.path).toBe(`/l/questionnaire/${issued.token}`);
    const row = await db.accessLink.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.tokenHash).toBe(links.hashLinkToken(issued.token));
    expect(JSON.stringify(row)).not.toContain(issued.token);
    expect(row.orgId).toBe(orgId);
    const trail = await events(issued.id);
    expect(trail.map((e) => e.action)).toEqual(['link.issued']);
    expect(trail[0].changes ?? '').not.toContain(issued.token);
  });

  it('resolves a live link to exactly its subject, and writes nothing', async () => {
    const issued = await issue({ subjectId: 'subject-live' });
    const result = await links.resolveLink(issued.token, 'vendor_questionnaire');
    expect(result).toMatchObject({ ok: true, link: { id: issued.id, subjectId: 'subject-live', orgId, purpose: 'vendor_questionnaire' } });
    expect((await db.accessLink.findUniqueOrThrow({ where: { id: issued.id } })).useCount).toBe(0);
    expect((await events(issued.id)).map((e) => e.action)).toEqual(['link.issued']);
  });

  it('refuses an unknown token, a malformed one and one for another purpose, each with its reason', async () => {
    const issued = await issue();
    expect(await links.resolveLink('A'.repeat(43), 'vendor_questionnaire')).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await links.resolveLink('../../etc', 'vendor_questionnaire')).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await links.resolveLink(issued.token, 'trust_document')).toMatchObject({ ok: false, reason: 'wrong_purpose' });
  });

  it('refuses an expired link', async () => {
    const issued = await issue();
    await db.accessLink.update({ where: { id: issued.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await links.resolveLink(issued.token, 'vendor_questionnaire')).toMatchObject({ ok: false, reason: 'expired' });
    await expect(db.$transaction((tx) => links.useLink(tx, issued.token, 'vendor_questionnaire', meta, { action: 'save' }))).rejects.toMatchObject({ reason: 'expired' });
  });

  it('refuses a revoked link, audits the revocation, and a revoked link stays revoked', async () => {
    const issued = await issue();
    await db.$transaction((tx) => links.revokeLink(tx, actors.COMPLIANCE_OFFICER, issued.id, 'sent to the wrong address'));
    await db.$transaction((tx) => links.revokeLink(tx, actors.COMPLIANCE_OFFICER, issued.id));
    expect(await links.resolveLink(issued.token, 'vendor_questionnaire')).toMatchObject({ ok: false, reason: 'revoked' });
    await expect(db.$transaction((tx) => links.useLink(tx, issued.token, 'vendor_questionnaire', meta, { action: 'save' }))).rejects.toMatchObject({ reason: 'revoked' });
    expect((await events(issued.id)).map((e) => e.action)).toEqual(['link.issued', 'link.revoked']);
  });

  it('another organisation cannot revoke the link', async () => {
    const issued = await issue();
    const other = await createOrgWithRoles('Other Links Org');
    await expect(db.$transaction((tx) => links.revokeLink(tx, other.actors.ADMIN, issued.id))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a multi-use link is used many times until its final use, then refused as used', async () => {
    const issued = await issue();
    for (let i = 0; i < 2; i++) await db.$transaction((tx) => links.useLink(tx, issued.token, 'vendor_questionnaire', meta, { action: 'save_draft' }));
    const final = await db.$transaction((tx) => links.useLink(tx, issued.token, 'vendor_questionnaire', meta, { action: 'submit', final: true }));
    expect(final.link.useCount).toBe(3);
    expect(final.actor.grants).toEqual({ any: [], own: [] });
    expect(final.actor.userId).toBeNull();
    await expect(db.$transaction((tx) => links.useLink(tx, issued.token, 'vendor_questionnaire', meta, { action: 'submit', final: true }))).rejects.toMatchObject({ reason: 'used', code: 'CONFLICT' });
    expect(await links.resolveLink(issued.token, 'vendor_questionnaire')).toMatchObject({ ok: false, reason: 'used' });
    const trail = await events(issued.id);
    expect(trail.map((e) => e.action)).toEqual(['link.issued', 'link.used', 'link.used', 'link.used']);
    expect(trail[3].actorLabel).toBe(`link:vendor_questionnaire:${issued.id}`);
  });

  it('a single-use link is used up by its first use, even when two uses race', async () => {
    const issued = await issue({ purpose: 'trust_document', singleUse: true });
    const results = await Promise.allSettled(
      [1, 2].map(() => db.$transaction((tx) => links.useLink(tx, issued.token, 'trust_document', meta, { action: 'download' }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await db.accessLink.findUniqueOrThrow({ where: { id: issued.id } })).useCount).toBe(1);
  });

  it('a refused use rolls back what the caller did in the same transaction', async () => {
    const issued = await issue();
    await db.$transaction((tx) => links.revokeLink(tx, actors.COMPLIANCE_OFFICER, issued.id));
    await expect(
      db.$transaction(async (tx) => {
        await tx.organization.update({ where: { id: orgId }, data: { name: 'Renamed by a refused link' } });
        await links.useLink(tx, issued.token, 'vendor_questionnaire', meta, { action: 'save' });
      }),
    ).rejects.toBeInstanceOf(links.LinkRefusedError);
    expect((await db.organization.findUniqueOrThrow({ where: { id: orgId } })).name).toBe('Links Org');
  });

  it('refuses an expiry beyond the purpose’s maximum', async () => {
    await expect(issue({ expiresInDays: 365 })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('revokes every live link of a subject and lists them with their states', async () => {
    const a = await issue({ subjectId: 'subject-many' });
    await issue({ subjectId: 'subject-many' });
    const n = await db.$transaction((tx) => links.revokeLinksFor(tx, actors.COMPLIANCE_OFFICER, 'vendor_questionnaire', 'subject-many'));
    expect(n).toBe(2);
    const list = await links.listLinksFor(orgId, 'vendor_questionnaire', 'subject-many');
    expect(list.map((l) => l.state)).toEqual(['revoked', 'revoked']);
    expect(list.some((l) => l.id === a.id)).toBe(true);
  });
});

describe('link landing throttle', () => {
  it('slows down and then blocks an address that keeps guessing tokens, while a good link still resolves elsewhere', async () => {
    const ip = '198.51.100.23';
    const reasons: string[] = [];
    for (let i = 0; i < 25; i++) {
      const guess = `${String(i).padStart(2, '0')}${'x'.repeat(41)}`;
      const result = await landLink(guess, 'vendor_questionnaire', { id: 'req-guess', ip });
      reasons.push(result.ok ? 'ok' : result.reason);
    }
    expect(reasons.slice(0, 10)).toEqual(Array(10).fill('not_found'));
    expect(reasons).toContain('rate_limited');
    expect(reasons).not.toContain('ok');
    const issued = await issue();
    expect(await landLink(issued.token, 'vendor_questionnaire', { id: 'req-ok', ip: '192.0.2.1' })).toMatchObject({ ok: true });
  });
});
