import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { ROLES, type Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('requirement_caps');
const { db } = await import('@/lib/db');
const { allowedBy, createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const library = await import('./library');
const m = await import('./mutations');
const q = await import('./queries');

let actors: Record<Role, Actor>;
let orgId: string;
let ownedSystemId: string;
let otherSystemId: string;

type Owner = 'ENGINEER' | null;
const ownerId = (o: Owner) => (o ? actors[o].userId! : null);

/** Runs each role's attempt against its own fresh record and reports where the offer and the refusal differ. */
async function disagreements<R>(make: () => Promise<R>, offered: (actor: Actor, record: R) => Promise<boolean>, attempt: (actor: Actor, record: R) => Promise<unknown>, label: string) {
  const out: string[] = [];
  for (const role of ROLES) {
    const record = await make();
    const expected = await offered(actors[role], record);
    const allowed = await allowedBy(attempt(actors[role], record));
    if (allowed !== expected) out.push(`${role} ${label}: capability ${expected}, mutation ${allowed ? 'allowed' : 'refused'}`);
  }
  return out;
}

let n = 0;
async function controlOwnedBy(owner: Owner) {
  n += 1;
  const c = await m.createControl(actors.ADMIN, { key: `CTL-CAPS-${n}`, name: `Caps control ${n}`, ownerId: ownerId(owner) ?? undefined });
  return c.id;
}
async function requirementOwnedBy(owner: Owner) {
  const r = await db.requirement.findFirstOrThrow({ where: { orgId, framework: { key: 'nist-ai-rmf' } }, skip: n++ % 60, select: { id: true } });
  await db.requirement.update({ where: { id: r.id }, data: { ownerId: ownerId(owner) } });
  return r.id;
}

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Requirement Caps Org'));
  await library.loadLibrary(actors.ADMIN);
  ownedSystemId = (await m.createSystem(actors.COMPLIANCE_OFFICER, { name: 'Owned', purpose: 'Run by the engineer', domain: 'HEALTHCARE', regions: ['EU'], riskTier: 'HIGH', technicalOwnerId: actors.ENGINEER.userId! })).id;
  otherSystemId = (await m.createSystem(actors.COMPLIANCE_OFFICER, { name: 'Other', purpose: 'Run by nobody here', domain: 'FINANCE', regions: ['US'], riskTier: 'HIGH' })).id;
}, 120_000);

const controlCaps = async (a: Actor, id: string) => (await q.listControls(a)).find((c) => c.id === id)!;

describe('requirements capabilities agree with the mutations, for every role', () => {
  for (const owner of ['ENGINEER', null] as Owner[]) {
    const whose = owner ? 'owned by the engineer' : 'without an owner';
    it(`a control ${whose}: set its status, edit it`, async () => {
      const out = [
        ...(await disagreements(() => controlOwnedBy(owner), async (a, id) => (await controlCaps(a, id)).canSetStatus, (a, id) => m.updateControl(a, { id, status: 'COMPLIANT' }), 'set control status')),
        ...(await disagreements(() => controlOwnedBy(owner), async (a, id) => (await controlCaps(a, id)).canEdit, (a, id) => m.updateControl(a, { id, description: 'Reworded' }), 'edit control')),
      ];
      expect(out).toEqual([]);
    });

    it(`a requirement ${whose}: record its review, edit it`, async () => {
      const out = [
        ...(await disagreements(() => requirementOwnedBy(owner), async (a, id) => (await q.getRequirement(a, id)).canReview, (a, id) => m.recordReview(a, { requirementId: id, outcome: 'CONFIRMED' }), 'record review')),
        ...(await disagreements(() => requirementOwnedBy(owner), async (a, id) => (await q.getRequirement(a, id)).canEdit, (a, id) => m.updateRequirement(a, { id, summary: 'Reworded summary' }), 'edit requirement')),
      ];
      expect(out).toEqual([]);
    });

    for (const system of ['owned', 'other'] as const) {
      it(`a matrix cell of a requirement ${whose} on a system ${system === 'owned' ? 'the engineer runs' : 'nobody here runs'}: assess it`, async () => {
        const systemId = system === 'owned' ? ownedSystemId : otherSystemId;
        const out = await disagreements(
          () => requirementOwnedBy(owner),
          async (a, id) => (await q.getCell(a, id, systemId)).canEdit,
          (a, id) => m.updateCell(a, { requirementId: id, systemId, status: 'PARTIALLY_COMPLIANT', notes: 'Assessed' }),
          'assess cell',
        );
        expect(out).toEqual([]);
      });
    }
  }
});
