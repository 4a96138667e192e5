import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditWorkspace } from '@/lib/audits/test-fixture';
import { createAuditWorkspace, setupAuditTestEnv } from '@/lib/audits/test-fixture';

await setupAuditTestEnv('scope');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const audits = await import('@/lib/audits/audits/mutations');
const auditQueries = await import('@/lib/audits/audits/queries');
const findings = await import('@/lib/audits/findings/mutations');
const findingQueries = await import('@/lib/audits/findings/queries');
const evidenceQueries = await import('@/lib/audits/evidence/queries');
const settings = await import('@/lib/audits/settings/mutations');

let actors: AuditWorkspace['actors'];
let auditId: string;

beforeAll(async () => {
  ({ actors, auditId } = await createAuditWorkspace());
});

describe('auditor visibility', () => {
  it('shows auditors only their assigned audits, or everything when configured as internal', async () => {
    const other = await audits.createAudit(actors.ADMIN, { title: 'Unassigned internal audit', kind: 'INTERNAL', standard: 'ISO_42001', periodStart: '2026-01-01', periodEnd: '2026-03-31' });
    const hidden = await findings.createFinding(actors.COMPLIANCE_OFFICER, { title: 'Hidden from auditor', description: 'x', severity: 'LOW', auditId: other.id });
    const mine = await auditQueries.listAudits(actors.AUDITOR);
    expect(mine.items.map((a) => a.id)).toEqual([auditId]);
    await expect(auditQueries.getAudit(actors.AUDITOR, other.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(findingQueries.getFinding(actors.AUDITOR, hidden.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(findings.transitionFinding(actors.AUDITOR, { id: hidden.id, transition: 'close' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await findingQueries.listFindings(actors.AUDITOR, { pageSize: 200 })).items.every((f) => f.auditId === auditId)).toBe(true);
    await expect(findings.createFinding(actors.AUDITOR, { title: 'On other audit', description: 'x', severity: 'LOW', auditId: other.id })).rejects.toMatchObject({ code: 'VALIDATION' });

    await settings.updateAuditSettings(actors.ADMIN, { dueDays: { CRITICAL: 30, HIGH: 60, MEDIUM: 90, LOW: 180 }, allAuditorsSeeAll: false, internalAuditorIds: [actors.AUDITOR.userId!] });
    expect((await auditQueries.listAudits(actors.AUDITOR)).total).toBe(2);
    expect((await findingQueries.getFinding(actors.AUDITOR, hidden.id)).id).toBe(hidden.id);
    await settings.updateAuditSettings(actors.ADMIN, { dueDays: { CRITICAL: 30, HIGH: 60, MEDIUM: 90, LOW: 180 }, allAuditorsSeeAll: false, internalAuditorIds: [] });
  });

  it('scopes everything to the organisation', async () => {
    const other = await createOrgWithRoles('Other Org');
    expect((await findingQueries.listFindings(other.actors.ADMIN)).total).toBe(0);
    expect((await evidenceQueries.listEvidence(other.actors.ADMIN)).total).toBe(0);
    await expect(auditQueries.getAudit(other.actors.ADMIN, auditId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('picker searches', () => {
  it('keep the auditor scope and the organisation, and refuse anonymous callers', async () => {
    const { searchFindings } = await import('@/lib/audits/findings/search');
    const { searchPeople } = await import('@/lib/users/search');
    const other = await audits.createAudit(actors.ADMIN, { title: 'Audit outside the scope', kind: 'INTERNAL', standard: 'ISO_42001', periodStart: '2026-04-01', periodEnd: '2026-06-30' });
    const hidden = await findings.createFinding(actors.COMPLIANCE_OFFICER, { title: 'Searchable but out of scope', description: 'x', severity: 'LOW', auditId: other.id });
    const visible = await findings.createFinding(actors.AUDITOR, { title: 'Searchable and in scope', description: 'x', severity: 'LOW', auditId });
    const found = (await searchFindings(actors.AUDITOR, { q: 'Searchable', limit: 20 })).map((i) => i.value);
    expect(found).toContain(visible.id);
    expect(found).not.toContain(hidden.id);
    expect((await searchFindings(actors.COMPLIANCE_OFFICER, { q: 'Searchable', limit: 20 })).map((i) => i.value)).toContain(hidden.id);

    const outsider = await createOrgWithRoles('Picker Org');
    expect(await searchFindings(outsider.actors.ADMIN, { q: 'Searchable', limit: 20 })).toEqual([]);
    expect((await searchPeople(outsider.actors.ADMIN, { q: '', limit: 50 })).map((i) => i.value)).not.toContain(actors.ENGINEER.userId);
    await expect(searchFindings(null as never, { q: 'x', limit: 5 })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
