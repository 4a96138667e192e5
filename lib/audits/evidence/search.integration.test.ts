import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditWorkspace } from '../test-fixture';
import { createAuditWorkspace, setupAuditTestEnv } from '../test-fixture';

await setupAuditTestEnv('evidence_search');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const evidence = await import('./mutations');
const findings = await import('@/lib/audits/findings/mutations');
const { searchEvidence } = await import('./search');

let actors: AuditWorkspace['actors'];
let auditId: string;

beforeAll(async () => {
  ({ actors, auditId } = await createAuditWorkspace('Evidence Search Org'));
});

describe('the evidence picker search', () => {
  it('finds current evidence by title, within the auditor scope and the organisation', async () => {
    const finding = await findings.createFinding(actors.AUDITOR, { title: 'Scoped finding', description: 'x', severity: 'LOW', auditId });
    const inScope = await evidence.addEvidence(actors.COMPLIANCE_OFFICER, { title: 'Pickable report in scope', url: 'https://example.org/in', findingIds: [finding.id] });
    const outOfScope = await evidence.addEvidence(actors.COMPLIANCE_OFFICER, { title: 'Pickable report elsewhere', url: 'https://example.org/out' });
    const withdrawn = await evidence.addEvidence(actors.COMPLIANCE_OFFICER, { title: 'Pickable report withdrawn', url: 'https://example.org/old', findingIds: [finding.id] });
    await evidence.withdrawEvidence(actors.COMPLIANCE_OFFICER, { id: withdrawn.id, reason: 'Replaced by the signed copy' });

    const all = (await searchEvidence(actors.COMPLIANCE_OFFICER, { q: 'pickable', limit: 20 })).map((i) => i.value);
    expect(all).toEqual(expect.arrayContaining([inScope.id, outOfScope.id]));
    expect(all).not.toContain(withdrawn.id);

    const auditor = (await searchEvidence(actors.AUDITOR, { q: 'Pickable', limit: 20 })).map((i) => i.value);
    expect(auditor).toEqual([inScope.id]);

    const outsider = await createOrgWithRoles('Other Evidence Org');
    expect(await searchEvidence(outsider.actors.ADMIN, { q: 'Pickable', limit: 20 })).toEqual([]);
    await expect(searchEvidence(null as never, { q: 'x', limit: 5 })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
