import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { ROLES, type Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';
import type { VersionView } from './queries';

process.env.SIGNING_PRIVATE_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
await setupTestDatabase('model_caps');
const { db } = await import('@/lib/db');
const { allowedBy, createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const m = await import('./mutations');
const q = await import('./queries');
const { seedModels } = await import('@/prisma/seed/models');

type Caps = VersionView['capabilities'];
type Stage = 'DRAFT' | 'VALIDATION' | 'BIAS_REVIEW' | 'PENDING_APPROVAL' | 'APPROVED' | 'PRODUCTION' | 'RETIRED';
type Case = { stage: Stage; signedBy?: { role: 'BUSINESS_OWNER' | 'COMPLIANCE'; by: Role } };

let actors: Record<Role, Actor>;
let modelKey: string;
let n = 0;

/** A version created by the engineer (the model's owner) on a model whose business owner is the admin, put in a stage. */
async function versionIn(c: Case) {
  n += 1;
  const label = `9.${n}.0`;
  const v = await m.createVersion(actors.ENGINEER, modelKey, { label });
  // One production version per model: the one before stays approved, as a promotion leaves it.
  if (c.stage === 'PRODUCTION') await db.modelVersion.updateMany({ where: { model: { key: modelKey }, stage: 'PRODUCTION' }, data: { stage: 'APPROVED' } });
  await db.modelVersion.update({ where: { id: v.id }, data: { stage: c.stage } });
  if (c.signedBy) await db.versionSignOff.create({ data: { versionId: v.id, role: c.signedBy.role, userId: actors[c.signedBy.by].userId!, comment: '' } });
  return label;
}

const attempts: Partial<Record<keyof Caps, (a: Actor, label: string) => Promise<unknown>>> = {
  edit: (a, label) => m.updateVersion(a, modelKey, label, { framework: 'pytorch' }),
  advance: async (a, label) => {
    // "Advance" is the move to the next review stage; approval comes from sign-offs and production from promote.
    const { next } = await q.getVersion(actors.AUDITOR, modelKey, label);
    if (next !== 'VALIDATION' && next !== 'BIAS_REVIEW' && next !== 'PENDING_APPROVAL') return Promise.reject({ code: 'CONFLICT' });
    return m.changeStage(a, modelKey, label, { target: next });
  },
  promote: (a, label) => m.changeStage(a, modelKey, label, { target: 'PRODUCTION', reason: 'Release' }),
  retire: (a, label) => m.changeStage(a, modelKey, label, { target: 'RETIRED', reason: 'Superseded' }),
  returnToDraft: (a, label) => m.changeStage(a, modelKey, label, { target: 'DRAFT', reason: 'Rework' }),
  signBusiness: (a, label) => m.signOffVersion(a, modelKey, label, { role: 'BUSINESS_OWNER', comment: 'OK' }),
  signCompliance: (a, label) => m.signOffVersion(a, modelKey, label, { role: 'COMPLIANCE', comment: 'OK' }),
};

beforeAll(async () => {
  ({ actors } = await createOrgWithRoles('Model Caps Org'));
  await seedModels(actors.ADMIN.orgId);
  const systemId = (await q.listSystemsForModels(actors.ADMIN))[0].id;
  modelKey = 'caps-model';
  await m.createModel(actors.ENGINEER, { systemId, key: modelKey, name: 'Caps model', purpose: 'Capability agreement', businessOwnerId: actors.ADMIN.userId! });
});

describe('model version capabilities (sign-off, promotion, stage changes) agree with the mutations', () => {
  const cases: Case[] = [
    { stage: 'DRAFT' },
    { stage: 'VALIDATION' },
    { stage: 'BIAS_REVIEW' },
    { stage: 'PENDING_APPROVAL' },
    { stage: 'PENDING_APPROVAL', signedBy: { role: 'BUSINESS_OWNER', by: 'ADMIN' } },
    { stage: 'PENDING_APPROVAL', signedBy: { role: 'COMPLIANCE', by: 'COMPLIANCE_OFFICER' } },
    { stage: 'APPROVED' },
    { stage: 'PRODUCTION' },
    { stage: 'RETIRED' },
  ];
  for (const c of cases) {
    it(`for every role and action on a version ${c.stage.toLowerCase()}${c.signedBy ? ` signed by the ${c.signedBy.by.toLowerCase()} as ${c.signedBy.role.toLowerCase()}` : ''}`, async () => {
      const disagreements: string[] = [];
      for (const role of ROLES) {
        for (const [action, attempt] of Object.entries(attempts) as [keyof Caps, (a: Actor, l: string) => Promise<unknown>][]) {
          const label = await versionIn(c);
          const view = await q.getVersion(actors[role], modelKey, label);
          const offered = view.capabilities[action];
          const allowed = await allowedBy(attempt(actors[role], label));
          // A stage change may be offered with its unmet conditions listed beside it (nextReasons / productionReasons): then the refusal names them.
          const blockedByConditions = !allowed && offered && (action === 'advance' || action === 'promote') && (action === 'promote' ? view.productionReasons : view.nextReasons).length > 0;
          if (allowed !== offered && !blockedByConditions) disagreements.push(`${role} ${action}: capability ${offered}, mutation ${allowed ? 'allowed' : 'refused'}`);
        }
      }
      expect(disagreements).toEqual([]);
    }, 120_000);
  }
});
