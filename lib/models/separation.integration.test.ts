import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

// Separation of duties on model versions: two different people sign off,
// neither of them the version's creator, and a mitigation is not accepted by
// the creator. Tried through both walk-arounds: taking the other role
// oneself, and acting through one's own API token.
process.env.SIGNING_PRIVATE_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
await setupTestDatabase('model-separation');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const m = await import('./mutations');
const q = await import('./queries');
const { demoModelCard } = await import('./demo-card');
const { createToken } = await import('@/lib/tokens/mutations');
const { actorForToken } = await import('@/lib/auth/token');

let actors: Record<Role, Actor>;
let systemId: string;
const refused = (p: Promise<unknown>, why: RegExp) => expect(p).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(why) });

async function readyVersion(actor: Actor, key: string, label: string) {
  await m.createVersion(actor, key, {
    label,
    artifactDigest: 'b'.repeat(64),
    metrics: [{ name: 'AUC', value: 0.9, threshold: 0.8 }],
    modelCard: demoModelCard('X', 'Y'),
    fairness: { groups: [{ attribute: 'sex', groupValue: 'f', count: 10, positives: 5, recall: 0.8, selectionRate: 0.5 }, { attribute: 'sex', groupValue: 'm', count: 10, positives: 5, recall: 0.8, selectionRate: 0.5 }] },
  });
  for (const target of ['VALIDATION', 'BIAS_REVIEW', 'PENDING_APPROVAL'] as const) await m.changeStage(actor, key, label, { target });
}
const signOffs = async (key: string) => db.versionSignOff.count({ where: { version: { model: { key } } } });

beforeAll(async () => {
  const org = await createOrgWithRoles('Model Separation Org');
  actors = org.actors;
  await db.aISystem.create({ data: { orgId: org.orgId, name: 'Scoring', purpose: 'p', domain: 'FINANCE', regions: ['EU'], riskTier: 'HIGH' } });
  systemId = (await q.listSystemsForModels(actors.ADMIN))[0].id;
});

describe('model version sign-offs', () => {
  it('(a) the creator who is also the business owner cannot sign in that role either', async () => {
    await m.createModel(actors.ADMIN, { systemId, key: 'self-owned', name: 'Self owned', purpose: 'p', businessOwnerId: actors.ADMIN.userId! });
    await readyVersion(actors.ADMIN, 'self-owned', '1.0.0');
    await refused(m.signOffVersion(actors.ADMIN, 'self-owned', '1.0.0', { role: 'BUSINESS_OWNER' }), /You created this version/);
    await refused(m.signOffVersion(actors.ADMIN, 'self-owned', '1.0.0', { role: 'COMPLIANCE' }), /You created this version/);
    expect(await signOffs('self-owned')).toBe(0);
  });

  it('(b) a token never signs off or accepts a mitigation: not its creator\'s version, nor anyone\'s', async () => {
    const token = await createToken(actors.ADMIN, { name: 'release-bot', scopes: ['models:read', 'models:create', 'models:write', 'models:signoff', 'models:promote'], expiresInDays: 5 });
    const bot = (await actorForToken(token.secret, { id: 'req-bot', ip: '127.0.0.1' }))!;
    await m.createModel(actors.ENGINEER, { systemId, key: 'bot-model', name: 'Bot model', purpose: 'p', businessOwnerId: actors.COMPLIANCE_OFFICER.userId! });
    await readyVersion(actors.ENGINEER, 'bot-model', '1.0.0');
    await refused(m.signOffVersion(bot, 'bot-model', '1.0.0', { role: 'COMPLIANCE' }), /personal/);
    await refused(m.acceptMitigation(bot, 'bot-model', '1.0.0', { attribute: 'sex', check: 'EQUAL_OPPORTUNITY', mitigation: 'A documented mitigation text.' }), /personal/);
    // The admin's own version, through the admin's token.
    await readyVersion(bot, 'bot-model', '2.0.0');
    expect((await db.modelVersion.findFirstOrThrow({ where: { label: '2.0.0', model: { key: 'bot-model' } } })).createdById).toBe(actors.ADMIN.userId);
    await refused(m.signOffVersion(bot, 'bot-model', '2.0.0', { role: 'COMPLIANCE' }), /personal/);
    await refused(m.signOffVersion(actors.ADMIN, 'bot-model', '2.0.0', { role: 'COMPLIANCE' }), /You created this version/);
    await refused(m.acceptMitigation(actors.ADMIN, 'bot-model', '2.0.0', { attribute: 'sex', check: 'EQUAL_OPPORTUNITY', mitigation: 'A documented mitigation text.' }), /You created this version/);
    expect(await signOffs('bot-model')).toBe(0);
  });
});
