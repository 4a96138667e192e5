import { describe, expect, it } from 'vitest';
import { DEFAULT_MFA_POLICY } from './schema';
import { mfaStanding } from './standing';

const now = new Date('2026-12-02T12:00:00Z');
const days = (n: number) => new Date(now.getTime() - n * 86_400_000);

describe('mfaStanding', () => {
  it('requires administrators and compliance officers by default, not engineers or auditors', () => {
    expect(mfaStanding({ role: 'ADMIN', enrolled: false, mfaRequiredSince: now }, DEFAULT_MFA_POLICY, now).required).toBe(true);
    expect(mfaStanding({ role: 'COMPLIANCE_OFFICER', enrolled: false, mfaRequiredSince: now }, DEFAULT_MFA_POLICY, now).required).toBe(true);
    expect(mfaStanding({ role: 'ENGINEER', enrolled: false, mfaRequiredSince: null }, DEFAULT_MFA_POLICY, now)).toMatchObject({ required: false, mustEnrol: false });
    expect(mfaStanding({ role: 'AUDITOR', enrolled: false, mfaRequiredSince: null }, DEFAULT_MFA_POLICY, now).mustEnrol).toBe(false);
  });

  it('lets a required user in during the grace period and closes the portal after it', () => {
    expect(mfaStanding({ role: 'ADMIN', enrolled: false, mfaRequiredSince: days(6) }, DEFAULT_MFA_POLICY, now)).toMatchObject({ inGrace: true, mustEnrol: false });
    expect(mfaStanding({ role: 'ADMIN', enrolled: false, mfaRequiredSince: days(8) }, DEFAULT_MFA_POLICY, now)).toMatchObject({ inGrace: false, mustEnrol: true });
    expect(mfaStanding({ role: 'ADMIN', enrolled: false, mfaRequiredSince: now }, { ...DEFAULT_MFA_POLICY, graceDays: 0 }, now).mustEnrol).toBe(true);
    expect(mfaStanding({ role: 'ADMIN', enrolled: true, mfaRequiredSince: days(100) }, DEFAULT_MFA_POLICY, now).mustEnrol).toBe(false);
  });
});
