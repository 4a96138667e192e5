import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('privacy-anonymisation');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const { runAnonymisationCheck } = await import('./anonymisation-check');

let actors: Record<Role, Actor>;
let orgId: string;
let datasetId: string;
const csv = ['age band,zip3,sex,diagnosis', ...Array.from({ length: 6 }, (_, i) => `30-39,021,F,${i % 2 ? 'flu' : 'asthma'}`), '80-89,999,M,rare disease'].join('\n');
const file = (text = csv) => new File([text], 'sample.csv', { type: 'text/csv' });

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Anonymisation Org'));
  datasetId = (await db.dataset.create({ data: { orgId, name: 'Patients', ownerId: actors.ENGINEER.userId!, personalData: true, personalDataCategories: ['health'] }, select: { id: true } })).id;
}, 120_000);

describe('the anonymisation check', () => {
  it('computes k and l from an uploaded sample, warns below k = 5, and keeps only the figures in the trail', async () => {
    const r = await runAnonymisationCheck(actors.PRIVACY_OFFICER, { file: file(), quasiIdentifiers: 'age band, zip3, sex', sensitive: 'diagnosis' });
    expect(r).toMatchObject({ rows: 7, classes: 2, k: 1, classesBelowK: 1, rowsBelowK: 1, l: 1 });
    expect(r.warnings[0]).toContain('k = 1 is below 5');
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'privacy.anonymisation_checked' }, orderBy: { seq: 'desc' } });
    const stored = JSON.stringify(event, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    expect(JSON.parse(event.changes!)).toMatchObject({ k: { to: 1 }, rows: { to: 7 }, quasiIdentifiers: { to: ['age band', 'zip3', 'sex'] } });
    expect(stored).not.toContain('rare disease');
    expect(stored).not.toContain('999');
  });

  it('a dataset’s owner may check their dataset’s sample; other roles and unknown columns are refused with nothing written', async () => {
    expect((await runAnonymisationCheck(actors.ENGINEER, { file: file(), quasiIdentifiers: 'age band', datasetId })).k).toBe(1);
    const before = await db.auditEvent.count();
    await expect(runAnonymisationCheck(actors.ENGINEER, { file: file(), quasiIdentifiers: 'age band' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(runAnonymisationCheck(actors.AUDITOR, { file: file(), quasiIdentifiers: 'age band', datasetId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(runAnonymisationCheck(actors.PRIVACY_OFFICER, { file: file(), quasiIdentifiers: 'postcode' })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { quasiIdentifiers: [expect.stringContaining('postcode')] } });
    await expect(runAnonymisationCheck(actors.PRIVACY_OFFICER, { file: file(), quasiIdentifiers: 'sex', sensitive: 'religion' })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { sensitive: [expect.any(String)] } });
    await expect(runAnonymisationCheck(actors.PRIVACY_OFFICER, { file: file(), quasiIdentifiers: 'sex', datasetId: 'unknown' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await db.auditEvent.count()).toBe(before);
  });
});

describe('the check through its form action', () => {
  it('takes the already-parsed form values (quasi-identifiers as a list)', async () => {
    const { anonymisationFormSchema } = await import('./schema');
    const parsed = anonymisationFormSchema.parse({ file: file(), quasiIdentifiers: 'age band, zip3', k: '5' });
    expect(parsed.quasiIdentifiers).toEqual(['age band', 'zip3']);
    expect((await runAnonymisationCheck(actors.PRIVACY_OFFICER, parsed)).k).toBe(1);
  });
});
