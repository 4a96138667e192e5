import { generateKeyPairSync } from 'node:crypto';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

process.env.SIGNING_PRIVATE_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
await setupTestDatabase('interchange_bom');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const { seedModels } = await import('@/prisma/seed/models');
const { getModelBom } = await import('./bom');
const { userActor } = await import('@/lib/auth/session');
const { auditSettingKey } = await import('@/lib/auth/scope');

let actors: Record<Role, Actor>;
let otherEngineer: Actor;
const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
const validate = async (bom: unknown) => validator.validate(JSON.stringify(bom));

beforeAll(async () => {
  let orgId: string;
  ({ actors, orgId } = await createOrgWithRoles('BOM Org'));
  await seedModels(orgId);
  const u = await db.user.create({
    data: { orgId, email: 'other-engineer@test.example', name: 'Other engineer', role: 'ENGINEER', passwordHash: null },
    select: { id: true, orgId: true, email: true, name: true, role: true, active: true },
  });
  otherEngineer = userActor(u, { id: 'req', ip: '127.0.0.1' });
  // Every auditor sees every system here; the scoped case is the last test.
  await db.setting.create({ data: { key: auditSettingKey(orgId), value: { allAuditorsSeeAll: true } } });
});

describe('the CycloneDX ML-BOM of a model version', () => {
  it('is valid CycloneDX 1.6 for every seeded version and every reader', async () => {
    const versions = await db.modelVersion.findMany({ select: { label: true, model: { select: { key: true } } } });
    expect(versions.length).toBeGreaterThan(3);
    for (const v of versions) {
      for (const who of [actors.AUDITOR, actors.ENGINEER, actors.COMPLIANCE_OFFICER]) {
        const bom = await getModelBom(who, v.model.key, v.label);
        expect(await validate(bom), `${v.model.key}@${v.label}`).toBeNull();
      }
    }
    // The validator is real: a data component without its data is refused.
    const broken = await getModelBom(actors.AUDITOR, versions[0].model.key, versions[0].label);
    expect(await validate({ ...broken, components: [{ type: 'data', name: 'x', 'bom-ref': 'x', data: [{ type: 'nonsense' }] }] })).not.toBeNull();
  });

  it('describes the model with its card, the datasets with lineage and classification, the digest and the attestation', async () => {
    const bom = await getModelBom(actors.AUDITOR, 'clinical-triage', '1.0.0');
    const model = bom.metadata.component;
    expect(model).toMatchObject({ type: 'machine-learning-model', name: 'clinical-triage', version: '1.0.0' });
    const version = await db.modelVersion.findFirstOrThrow({ where: { label: '1.0.0', model: { key: 'clinical-triage' } }, select: { artifactDigest: true, attestation: { select: { manifest: true } }, datasets: true } });
    expect(model.hashes).toEqual([{ alg: 'SHA-256', content: version.artifactDigest }]);
    const att = model.externalReferences.find((r) => r.type === 'attestation');
    expect(att?.url).toMatch(/\/api\/v1\/models\/clinical-triage\/versions\/1\.0\.0\/attestation$/);
    expect(model.modelCard.modelParameters.datasets).toHaveLength(version.datasets.length);
    expect(model.modelCard.quantitativeAnalysis.performanceMetrics.length).toBeGreaterThan(0);
    expect(bom.components.every((c) => c.type === 'data' && c.data[0].classification)).toBe(true);
    const lineage = bom.components.flatMap((c) => c.properties.filter((p) => p.name.startsWith('portal:lineage')));
    expect(lineage.length).toBeGreaterThan(0);
    expect(bom.dependencies[0]).toEqual({ ref: model['bom-ref'], dependsOn: bom.components.map((c) => c['bom-ref']) });
  });

  it('hides restricted dataset details from a reader who may not see them', async () => {
    const bom = await getModelBom(otherEngineer, 'clinical-triage', '1.0.0').catch((e: { code?: string }) => e);
    expect(bom).toMatchObject({ code: 'FORBIDDEN' });
    const forOwner = await getModelBom(actors.ENGINEER, 'clinical-triage', '1.0.0');
    const restricted = forOwner.components.filter((c) => c.properties.some((p) => p.name === 'portal:dataset:details'));
    // The owning engineer does not own the compliance officer's restricted datasets.
    expect(restricted.length).toBeGreaterThan(0);
    expect(restricted.every((c) => !('sensitiveData' in c.data[0]) && !c.properties.some((p) => p.name.startsWith('portal:lineage')))).toBe(true);
  });

  it('is exported by auditors and by engineers only for the systems they own', async () => {
    await expect(getModelBom(actors.AUDITOR, 'credit-scoring', '3.1.0')).resolves.toBeTruthy();
    await expect(getModelBom(actors.ENGINEER, 'credit-scoring', '3.1.0')).resolves.toBeTruthy();
    await expect(getModelBom(otherEngineer, 'credit-scoring', '3.1.0')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getModelBom(actors.AUDITOR, 'credit-scoring', 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('is not given to an auditor whose audits do not cover the system', async () => {
    await db.setting.deleteMany({ where: { key: { startsWith: 'audits:' } } });
    await expect(getModelBom(actors.AUDITOR, 'credit-scoring', '3.1.0')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
