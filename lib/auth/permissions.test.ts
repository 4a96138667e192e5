import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, isAllowed, OWNER_PERMISSIONS, ROLE_GRANTS, ROLES, type Permission } from './permissions';

const allowed = (role: (typeof ROLES)[number], p: Permission, owner?: boolean) =>
  isAllowed(ROLE_GRANTS[role], 'u1', p, owner === undefined ? undefined : { ownerIds: owner ? ['u1'] : ['someone-else'] });

// Everything that changes state. Auditors may only raise findings, request
// evidence and verify closures among these.
// Exporting a document reads what the role may already read; verifying the decision log too.
const WRITES: Permission[] = ALL_PERMISSIONS.filter((p) => !/:read(-open)?$/.test(p) && !['audit-trail:verify', 'decisions:verify', 'datasets:restricted', 'reports:export'].includes(p));

describe('the permission table', () => {
  it('grants administrators every permission', () => {
    for (const p of ALL_PERMISSIONS) expect(allowed('ADMIN', p)).toBe(true);
  });

  it('lets every role read every domain', () => {
    for (const role of ROLES) {
      for (const p of ['requirements:read', 'models:read', 'audits:read', 'incidents:read', 'reviews:read'] as const) {
        expect(allowed(role, p), `${role} ${p}`).toBe(true);
      }
    }
  });

  it('keeps auditors read-only except for findings, evidence requests, verification and their own inbox', () => {
    const auditorWrites = WRITES.filter((p) => allowed('AUDITOR', p));
    // notifications:own only ever touches the caller's own inbox and preferences (scoped in lib/notifications);
    // policies:acknowledge only records the caller's own acknowledgement of a policy (lib/policies).
    expect(auditorWrites.sort()).toEqual(['evidence:request', 'findings:raise', 'findings:verify', 'notifications:own', 'policies:acknowledge']);
    // ...and owning something never gives an auditor write access.
    for (const p of OWNER_PERMISSIONS) {
      if (!['datasets:restricted', 'reports:export', 'privacy:read'].includes(p)) expect(allowed('AUDITOR', p, true), p).toBe(false);
    }
  });

  it('gives only administrators user, token, settings, job and webhook management', () => {
    for (const p of ['users:manage', 'tokens:manage', 'settings:manage', 'jobs:manage', 'webhooks:manage'] as const) {
      expect(ROLES.filter((r) => allowed(r, p))).toEqual(['ADMIN']);
    }
  });

  it('lets everyone keep their own inbox and preferences, and only administrators configure reminder rules and read the outbox', () => {
    expect(ROLES.filter((r) => allowed(r, 'notifications:own'))).toEqual([...ROLES]);
    for (const p of ['notifications:rules', 'outbox:read'] as const) expect(ROLES.filter((r) => allowed(r, p))).toEqual(['ADMIN']);
  });

  it('lets administrators and auditors, and nobody else, read and verify the audit trail', () => {
    for (const p of ['audit-trail:read', 'audit-trail:verify'] as const) {
      expect(ROLES.filter((r) => allowed(r, p)).sort()).toEqual(['ADMIN', 'AUDITOR']);
    }
  });

  it('lets every role read the decision log, the compliance side see restricted inputs and erase subjects, and auditors verify', () => {
    for (const role of ROLES) expect(allowed(role, 'decisions:read'), role).toBe(true);
    for (const p of ['decisions:restricted', 'decisions:erase'] as const) {
      expect(ROLES.filter((r) => allowed(r, p)).sort(), p).toEqual(['ADMIN', 'COMPLIANCE_OFFICER', 'PRIVACY_OFFICER']);
    }
    expect(ROLES.filter((r) => allowed(r, 'decisions:manage')).sort()).toEqual(['ADMIN', 'COMPLIANCE_OFFICER']);
    expect(ROLES.filter((r) => allowed(r, 'decisions:verify')).sort()).toEqual(['ADMIN', 'AUDITOR', 'COMPLIANCE_OFFICER']);
    // Only a token an administrator made can carry decisions:write.
    expect(ROLES.filter((r) => allowed(r, 'decisions:write'))).toEqual(['ADMIN']);
    // An Art. 22 review is the system owner's (or compliance's); the privacy officer routes it, auditors never record one.
    expect(ROLES.filter((r) => allowed(r, 'decisions:review')).sort()).toEqual(['ADMIN', 'COMPLIANCE_OFFICER']);
    expect(ROLES.filter((r) => allowed(r, 'decisions:review', true)).sort()).toEqual(['ADMIN', 'COMPLIANCE_OFFICER', 'ENGINEER', 'PRIVACY_OFFICER']);
  });

  it('lets auditors export every document, engineers only those of what they own, and only governance roles edit or approve them', () => {
    expect(ROLES.filter((r) => allowed(r, 'reports:export')).sort()).toEqual(['ADMIN', 'AUDITOR', 'COMPLIANCE_OFFICER']);
    expect(allowed('ENGINEER', 'reports:export', true)).toBe(true);
    expect(allowed('ENGINEER', 'reports:export', false)).toBe(false);
    expect(ROLES.filter((r) => allowed(r, 'reports:manage', true)).sort()).toEqual(['ADMIN', 'COMPLIANCE_OFFICER']);
  });

  it('lets engineers create models but edit only what they own', () => {
    expect(allowed('ENGINEER', 'models:create')).toBe(true);
    expect(allowed('ENGINEER', 'models:write')).toBe(false);
    expect(allowed('ENGINEER', 'models:write', false)).toBe(false);
    expect(allowed('ENGINEER', 'models:write', true)).toBe(true);
    expect(allowed('ENGINEER', 'matrix:edit', true)).toBe(true);
    expect(allowed('ENGINEER', 'matrix:edit', false)).toBe(false);
  });

  it('lets compliance officers, admins and auditors see a review before it is closed, and nobody else', () => {
    expect(ROLES.filter((r) => allowed(r, 'reviews:read-open')).sort()).toEqual(['ADMIN', 'AUDITOR', 'COMPLIANCE_OFFICER']);
    expect(ROLES.filter((r) => allowed(r, 'reviews:run')).sort()).toEqual(['ADMIN', 'COMPLIANCE_OFFICER']);
  });

  it('lets the owner of an action item, whatever their role but auditor, mark it done', () => {
    expect(allowed('ENGINEER', 'action-items:update', true)).toBe(true);
    expect(allowed('ENGINEER', 'action-items:update', false)).toBe(false);
    expect(allowed('AUDITOR', 'action-items:update', true)).toBe(false);
  });

  it('keeps promotion, library editing and review running away from engineers', () => {
    for (const p of ['models:promote', 'library:manage', 'systems:manage', 'reviews:run', 'incidents:manage', 'findings:verify'] as const) {
      expect(allowed('ENGINEER', p), p).toBe(false);
      expect(allowed('ENGINEER', p, true), `${p} as owner`).toBe(false);
    }
  });

  it('gives compliance officers the governance permissions but not user administration', () => {
    for (const p of ['library:manage', 'systems:manage', 'matrix:edit', 'models:signoff', 'models:promote', 'findings:verify', 'reviews:run', 'incidents:manage'] as const) {
      expect(allowed('COMPLIANCE_OFFICER', p), p).toBe(true);
    }
    expect(allowed('COMPLIANCE_OFFICER', 'users:manage')).toBe(false);
    expect(allowed('COMPLIANCE_OFFICER', 'audit-trail:verify')).toBe(false);
  });

  it('lets only privacy officers, compliance officers and administrators write in the privacy domain', () => {
    for (const p of ['privacy:manage', 'privacy:signoff'] as const) {
      expect(ROLES.filter((r) => allowed(r, p)).sort(), p).toEqual(['ADMIN', 'COMPLIANCE_OFFICER', 'PRIVACY_OFFICER']);
      expect(allowed('ENGINEER', p, true), `${p} as owner`).toBe(false);
      expect(allowed('AUDITOR', p, true), `${p} as owner`).toBe(false);
    }
  });

  it('lets auditors read all of privacy, engineers only what they own', () => {
    expect(ROLES.filter((r) => allowed(r, 'privacy:read')).sort()).toEqual(['ADMIN', 'AUDITOR', 'COMPLIANCE_OFFICER', 'PRIVACY_OFFICER']);
    expect(allowed('ENGINEER', 'privacy:read', true)).toBe(true);
    expect(allowed('ENGINEER', 'privacy:read', false)).toBe(false);
    // An engineer answers the privacy tasks assigned to them, and only those.
    expect(allowed('ENGINEER', 'privacy:respond', true)).toBe(true);
    expect(allowed('ENGINEER', 'privacy:respond', false)).toBe(false);
    expect(allowed('AUDITOR', 'privacy:respond', true)).toBe(false);
  });

  it('keeps privacy officers out of governance writes outside their domain', () => {
    for (const p of ['library:manage', 'systems:manage', 'models:promote', 'models:signoff', 'reviews:run', 'incidents:manage', 'findings:verify', 'audits:manage', 'users:manage', 'audit-trail:read'] as const) {
      expect(allowed('PRIVACY_OFFICER', p), p).toBe(false);
    }
    expect(allowed('PRIVACY_OFFICER', 'datasets:restricted')).toBe(true);
  });

  it('never treats an empty owner list as ownership', () => {
    expect(isAllowed(ROLE_GRANTS.ENGINEER, 'u1', 'models:write', { ownerIds: [] })).toBe(false);
    expect(isAllowed(ROLE_GRANTS.ENGINEER, 'u1', 'models:write', { ownerIds: [null, undefined] })).toBe(false);
    expect(isAllowed(ROLE_GRANTS.ENGINEER, null, 'models:write', { ownerIds: [null] })).toBe(false);
  });

  it('lets everyone read monitoring, engineers write it on models they own, compliance officers everywhere, auditors never', () => {
    expect(ROLES.filter((r) => allowed(r, 'monitoring:read'))).toEqual([...ROLES]);
    expect(allowed('ENGINEER', 'monitoring:write')).toBe(false);
    expect(allowed('ENGINEER', 'monitoring:write', false)).toBe(false);
    expect(allowed('ENGINEER', 'monitoring:write', true)).toBe(true);
    expect(allowed('COMPLIANCE_OFFICER', 'monitoring:write')).toBe(true);
    expect(allowed('AUDITOR', 'monitoring:write', true)).toBe(false);
  });

  it('only lists known permissions in the table', () => {
    for (const role of ROLES) {
      for (const p of [...ROLE_GRANTS[role].any, ...ROLE_GRANTS[role].own]) expect(ALL_PERMISSIONS).toContain(p);
    }
  });
});
