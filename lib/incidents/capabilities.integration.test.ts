import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { ROLES, type Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('incident_caps');
const { allowedBy, createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const m = await import('./mutations');
const q = await import('./queries');
const requirements = await import('@/lib/requirements/mutations');

let actors: Record<Role, Actor>;
let ownedSystemId: string;
let otherSystemId: string;
let n = 0;

/** An incident on a system the engineer runs (its owners) or on one nobody here runs. */
async function incidentOn(system: 'owned' | 'other') {
  n += 1;
  const inc = await m.reportIncident(actors.COMPLIANCE_OFFICER, {
    title: `Caps incident ${n}`,
    description: 'Scores drifted',
    type: 'DRIFT',
    detectedAt: new Date(Date.now() - 3_600_000).toISOString(),
    systemIds: [system === 'owned' ? ownedSystemId : otherSystemId],
  });
  return inc.id;
}

async function actionOf(system: 'owned' | 'other', owner: Role) {
  const id = await incidentOn(system);
  await m.addCorrectiveAction(actors.COMPLIANCE_OFFICER, { id, title: 'Retrain with fresh data', ownerId: actors[owner].userId!, dueDate: new Date(Date.now() + 7 * 86_400_000).toISOString() });
  const detail = await q.getIncident(actors.ADMIN, id);
  return { incidentId: id, actionId: detail.actions[0].id };
}

beforeAll(async () => {
  ({ actors } = await createOrgWithRoles('Incident Caps Org'));
  ownedSystemId = (await requirements.createSystem(actors.COMPLIANCE_OFFICER, { name: 'Owned', purpose: 'Run by the engineer', domain: 'HEALTHCARE', regions: ['EU'], riskTier: 'HIGH', technicalOwnerId: actors.ENGINEER.userId! })).id;
  otherSystemId = (await requirements.createSystem(actors.COMPLIANCE_OFFICER, { name: 'Other', purpose: 'Run by nobody here', domain: 'FINANCE', regions: ['US'], riskTier: 'HIGH' })).id;
}, 60_000);

describe('incident capabilities agree with the mutations, for every role', () => {
  for (const system of ['owned', 'other'] as const) {
    const where = system === 'owned' ? 'on a system the engineer runs' : 'on a system nobody here runs';
    it(`an incident ${where}: update it, override its severity`, async () => {
      const out: string[] = [];
      for (const role of ROLES) {
        for (const [action, attempt] of [
          ['update', (a: Actor, id: string) => m.updateIncident(a, id, { title: 'Renamed incident' })],
          ['manage', (a: Actor, id: string) => m.overrideSeverity(a, id, 'SEV2', 'Wider impact than the tree says')],
        ] as const) {
          const id = await incidentOn(system);
          const offered = (await q.getIncident(actors[role], id)).capabilities[action];
          const allowed = await allowedBy(attempt(actors[role], id));
          if (allowed !== offered) out.push(`${role} ${action}: capability ${offered}, mutation ${allowed ? 'allowed' : 'refused'}`);
        }
      }
      expect(out).toEqual([]);
    });

    for (const owner of ['ENGINEER', 'AUDITOR'] as Role[]) {
      it(`a corrective action owned by the ${owner.toLowerCase()} of an incident ${where}: mark it done (and once done, not again)`, async () => {
        const out: string[] = [];
        for (const role of ROLES) {
          const { incidentId, actionId } = await actionOf(system, owner);
          const find = async () => (await q.getIncident(actors[role], incidentId)).actions.find((a) => a.id === actionId)!;
          const offered = (await find()).capabilities.complete;
          const allowed = await allowedBy(m.completeCorrectiveAction(actors[role], actionId));
          if (allowed !== offered) out.push(`${role} complete: capability ${offered}, mutation ${allowed ? 'allowed' : 'refused'}`);
          if (allowed) {
            const again = (await find()).capabilities.complete;
            const allowedAgain = await allowedBy(m.completeCorrectiveAction(actors[role], actionId));
            if (again !== allowedAgain) out.push(`${role} complete when done: capability ${again}, mutation ${allowedAgain ? 'allowed' : 'refused'}`);
          }
        }
        expect(out).toEqual([]);
      });
    }
  }
});
