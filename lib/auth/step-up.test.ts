import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { systemActor, type Actor } from './actor';
import { requireFreshFactor } from './step-up';

const now = Date.parse('2026-12-02T12:00:00Z');
const user = (auth: Actor['auth']): Actor => ({ ...systemActor('org'), kind: 'user', userId: 'u1', role: 'ADMIN', auth });
const code = (fn: () => void) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? e.code : 'other';
  }
};

describe('requireFreshFactor', () => {
  it('passes a factor verified within 10 minutes and refuses an older or missing one', () => {
    expect(code(() => requireFreshFactor(user({ sessionId: 's', enrolled: true, mustEnrol: false, factorAt: new Date(now - 9 * 60_000) }), now))).toBe('ok');
    expect(code(() => requireFreshFactor(user({ sessionId: 's', enrolled: true, mustEnrol: false, factorAt: new Date(now - 11 * 60_000) }), now))).toBe('STEP_UP_REQUIRED');
    expect(code(() => requireFreshFactor(user({ sessionId: 's', enrolled: true, mustEnrol: false, factorAt: null }), now))).toBe('STEP_UP_REQUIRED');
  });

  it('exempts tokens and system actors, lets users without a factor through unless they must enrol', () => {
    expect(code(() => requireFreshFactor({ ...systemActor('org'), kind: 'token' }, now))).toBe('ok');
    expect(code(() => requireFreshFactor(systemActor('org'), now))).toBe('ok');
    expect(code(() => requireFreshFactor(user({ sessionId: 's', enrolled: false, mustEnrol: false, factorAt: null }), now))).toBe('ok');
    expect(code(() => requireFreshFactor(user({ sessionId: 's', enrolled: false, mustEnrol: true, factorAt: null }), now))).toBe('MFA_ENROLMENT_REQUIRED');
  });
});
