import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditWorkspace } from '../test-fixture';
import { createAuditWorkspace, day, setupAuditTestEnv } from '../test-fixture';
import type { FindingCapabilities } from './rules';

await setupAuditTestEnv('finding_caps');
const findings = await import('./mutations');
const findingQueries = await import('./queries');

type Role = keyof AuditWorkspace['actors'];
type State = 'OPEN' | 'IN_REMEDIATION' | 'READY_FOR_VERIFICATION' | 'CLOSED';

let actors: AuditWorkspace['actors'];
let auditId: string;

/** A finding owned by the engineer (or, first owned by them and reassigned, by the compliance officer), brought to a state. */
async function findingIn(state: State, ownership: 'engineer' | 'reassigned' = 'engineer') {
  const f = await findings.createFinding(actors.AUDITOR, { title: `Caps ${state}`, description: 'x', severity: 'MEDIUM', auditId, ownerId: actors.ENGINEER.userId! });
  if (state !== 'OPEN') await findings.transitionFinding(actors.ENGINEER, { id: f.id, transition: 'start_remediation' });
  if (state === 'READY_FOR_VERIFICATION' || state === 'CLOSED') await findings.transitionFinding(actors.ENGINEER, { id: f.id, transition: 'ready_for_verification' });
  if (state === 'CLOSED') await findings.transitionFinding(actors.AUDITOR, { id: f.id, transition: 'close' });
  if (ownership === 'reassigned' && state !== 'CLOSED') await findings.updateFinding(actors.COMPLIANCE_OFFICER, { id: f.id, ownerId: actors.COMPLIANCE_OFFICER.userId! });
  return f.id;
}

const attempts: Record<keyof FindingCapabilities, (role: Role, id: string) => Promise<unknown>> = {
  edit: (r, id) => findings.updateFinding(actors[r], { id, remediationPlan: 'A plan' }),
  startRemediation: (r, id) => findings.transitionFinding(actors[r], { id, transition: 'start_remediation' }),
  readyForVerification: (r, id) => findings.transitionFinding(actors[r], { id, transition: 'ready_for_verification' }),
  close: (r, id) => findings.transitionFinding(actors[r], { id, transition: 'close' }),
  rejectVerification: (r, id) => findings.transitionFinding(actors[r], { id, transition: 'reject_verification', comment: 'Still missing the record' }),
  reopen: (r, id) => findings.transitionFinding(actors[r], { id, transition: 'reopen', comment: 'Came back' }),
  acceptRisk: (r, id) => findings.acceptRisk(actors[r], { id, rationale: 'Accepted until the replacement ships', expiresAt: day(30) }),
  comment: (r, id) => findings.addFindingComment(actors[r], { id, body: 'A note' }),
};

beforeAll(async () => {
  ({ actors, auditId } = await createAuditWorkspace('Capabilities Org'));
});

describe('finding capabilities agree with the mutations', () => {
  const roles: Role[] = ['ADMIN', 'COMPLIANCE_OFFICER', 'ENGINEER', 'AUDITOR'];
  const cases: [State, 'engineer' | 'reassigned'][] = [
    ['OPEN', 'engineer'],
    ['IN_REMEDIATION', 'engineer'],
    ['READY_FOR_VERIFICATION', 'engineer'],
    ['READY_FOR_VERIFICATION', 'reassigned'],
    ['CLOSED', 'engineer'],
  ];
  for (const [state, ownership] of cases) {
    it(`for every role and action on a finding ${state.toLowerCase()} (${ownership === 'reassigned' ? 'reassigned by its first owner' : 'owned by the engineer'})`, async () => {
      const disagreements: string[] = [];
      for (const role of roles) {
        for (const action of Object.keys(attempts) as (keyof FindingCapabilities)[]) {
          const id = await findingIn(state, ownership);
          const { capabilities } = await findingQueries.getFinding(actors[role], id);
          const allowed = await attempts[action](role, id).then(
            () => true,
            (error: { code?: string }) => {
              if (!['FORBIDDEN', 'CONFLICT', 'VALIDATION'].includes(error.code ?? '')) throw error;
              return false;
            },
          );
          if (allowed !== capabilities[action]) disagreements.push(`${role} ${action}: capability ${capabilities[action]}, mutation ${allowed ? 'allowed' : 'refused'}`);
        }
      }
      expect(disagreements).toEqual([]);
    }, 120_000);
  }

  it('tells the first owner of a reassigned finding why they may not verify it', async () => {
    const id = await findingIn('READY_FOR_VERIFICATION', 'reassigned');
    expect((await findingQueries.getFinding(actors.ENGINEER, id)).independence).toBe('cycle-owner');
    expect((await findingQueries.getFinding(actors.COMPLIANCE_OFFICER, id)).independence).toBe('owner');
    expect((await findingQueries.getFinding(actors.AUDITOR, id)).independence).toBeNull();
  });
});
