import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('privacy-public');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const { publicRequestPageResponse, publicRequestSubmitResponse, PUBLIC_REQUEST_LIMIT, PUBLIC_REQUEST_CSP } = await import('./public');
const { updatePrivacySettings } = await import('./settings');
const { verifyIdentity, startVerification } = await import('./requests/mutations');
const { GUARD_HEADER, installForwardedGuard } = await import('@/lib/platform/forwarded');
installForwardedGuard(0);
const guardNonce = (globalThis as Record<symbol, string>)[Symbol.for('portal.forwardedGuardNonce')];

let actors: Record<Role, Actor>;
let orgId: string;
let slug: string;
let ipCounter = 0;
const mails: string[][] = [];
const enqueue = async (_tx: unknown, ids: string[]) => void mails.push(ids);

const get = (ip = `203.0.113.${++ipCounter}`) => new Request(`http://127.0.0.1/privacy-request/${slug}`, { headers: { 'x-forwarded-for': ip, [GUARD_HEADER]: guardNonce } });
const post = (body: Record<string, string>, ip = `198.51.100.${++ipCounter}`) =>
  new Request(`http://127.0.0.1/privacy-request/${slug}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip, [GUARD_HEADER]: guardNonce },
    body: new URLSearchParams(body).toString(),
  });

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Public Privacy Org'));
  slug = (await db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { slug: true } })).slug;
}, 120_000);

describe('the public data-subject request form', () => {
  it('is closed until a privacy officer opens it; only privacy managers may open it', async () => {
    expect((await publicRequestPageResponse(get(), slug)).status).toBe(404);
    expect((await publicRequestSubmitResponse(post({ type: 'ACCESS', name: 'Ada', email: 'ada@example.org' }), slug, { enqueue })).status).toBe(404);
    expect((await publicRequestPageResponse(get(), 'no-such-org')).status).toBe(404);
    for (const role of ['ENGINEER', 'AUDITOR'] as const) {
      await expect(updatePrivacySettings(actors[role], { publicFormEnabled: 'on' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await db.subjectRequest.count({ where: { orgId } })).toBe(0);
    await updatePrivacySettings(actors.PRIVACY_OFFICER, { publicFormEnabled: 'on' });
    const res = await publicRequestPageResponse(get(), slug);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(PUBLIC_REQUEST_CSP);
    expect(PUBLIC_REQUEST_CSP).toContain("default-src 'none'");
    expect(PUBLIC_REQUEST_CSP).not.toContain('script-src');
    const html = await res.text();
    expect(html).toContain(`action="/privacy-request/${slug}"`);
    expect(html).not.toContain('<script');
  });

  it('refuses bad input naming the fields, keeps what was typed, and writes nothing', async () => {
    const before = { requests: await db.subjectRequest.count(), mails: await db.outboxMail.count(), events: await db.auditEvent.count() };
    const res = await publicRequestSubmitResponse(post({ type: 'NOT_A_RIGHT', name: 'Ada Lovelace', email: 'not-an-email', details: 'My loan file' }), slug, { enqueue });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="dsr-type-error"');
    expect(html).toContain('id="dsr-email-error"');
    expect(html).toContain('value="Ada Lovelace"');
    expect(html).toContain('My loan file');
    expect({ requests: await db.subjectRequest.count(), mails: await db.outboxMail.count(), events: await db.auditEvent.count() }).toEqual(before);
  });

  it('creates the request with its statutory clock, mails the confirmation, notifies the privacy team; verification proceeds in the portal', async () => {
    const res = await publicRequestSubmitResponse(post({ type: 'ERASURE', name: 'Grace Hopper', email: 'Grace@Example.org', reference: 'applicant-7', details: 'Delete my application.' }), slug, { enqueue });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Request received');
    const r = await db.subjectRequest.findFirstOrThrow({ where: { orgId, subjectEmail: 'grace@example.org' } });
    expect(html).toContain(r.reference);
    expect(r).toMatchObject({ channel: 'PUBLIC', status: 'RECEIVED', regime: 'GDPR', type: 'ERASURE', subjectRef: 'applicant-7', handlerId: null });
    // One month from receipt (Art. 12(3)).
    const expectedDue = new Date(Date.UTC(r.receivedAt.getUTCFullYear(), r.receivedAt.getUTCMonth() + 1, 1));
    expect(r.dueAt.getTime()).toBeGreaterThan(r.receivedAt.getTime() + 27 * 86_400_000);
    expect(r.dueAt.getTime()).toBeLessThanOrEqual(expectedDue.getTime() + 31 * 86_400_000);
    const mail = await db.outboxMail.findFirstOrThrow({ where: { orgId, to: 'grace@example.org' } });
    expect(mail.subject).toContain(r.reference);
    expect(mails.flat()).toContain(mail.id);
    expect(await db.notification.count({ where: { kind: 'privacy.request_received', userId: actors.PRIVACY_OFFICER.userId! } })).toBe(1);
    expect(await db.notification.count({ where: { kind: 'privacy.request_received', userId: actors.ENGINEER.userId! } })).toBe(0);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'privacy.request_received', entityId: r.id } });
    const trail = JSON.stringify(event, (_k, v) => (typeof v === 'bigint' ? String(v) : v)).toLowerCase();
    expect(trail).not.toContain('grace');
    await startVerification(actors.PRIVACY_OFFICER, r.id);
    expect(await verifyIdentity(actors.PRIVACY_OFFICER, r.id)).toMatchObject({ status: 'IN_PROGRESS' });
  });

  it('limits requests per address like the trust centre form', async () => {
    const ip = '192.0.2.77';
    for (let i = 0; i < PUBLIC_REQUEST_LIMIT.limit; i++) {
      expect((await publicRequestSubmitResponse(post({ type: 'ACCESS', name: `Visitor ${i}`, email: `v${i}@example.org` }, ip), slug, { enqueue })).status).toBe(200);
    }
    const before = await db.subjectRequest.count();
    const refused = await publicRequestSubmitResponse(post({ type: 'ACCESS', name: 'One too many', email: 'more@example.org' }, ip), slug, { enqueue });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(PUBLIC_REQUEST_LIMIT.windowSeconds));
    expect(await db.subjectRequest.count()).toBe(before);
  });
});
