import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_RULES, DEFAULT_RESPONSE_TARGETS, formatClock, formatDuration, incidentFacts, regulatoryDeadlines, responseClocks } from './clocks';

const t0 = new Date('2026-11-01T10:00:00Z');
const H = 3_600_000;
const euHigh = [{ riskTier: 'HIGH', regions: ['EU', 'US'] }];
const facts = (over: Partial<Parameters<typeof incidentFacts>[0]> = {}) =>
  incidentFacts({ personalData: false, healthData: false, nearMiss: false, answers: {}, systems: euHigh, ...over });
const deadlines = (f: ReturnType<typeof facts>, now = t0, sent: Parameters<typeof regulatoryDeadlines>[3] = []) =>
  regulatoryDeadlines(DEFAULT_NOTIFICATION_RULES, f, t0, sent, now);

describe('response clocks', () => {
  const sev1 = DEFAULT_RESPONSE_TARGETS[0];
  it('runs, turns overdue, and records met or missed', () => {
    const inc = { severity: 'SEV1' as const, detectedAt: t0, acknowledgedAt: null, containedAt: null, resolvedAt: null };
    expect(responseClocks(inc, sev1, new Date(t0.getTime() + 10 * 60_000)).map((c) => c.state)).toEqual(['running', 'running', 'running']);
    expect(responseClocks(inc, sev1, new Date(t0.getTime() + 20 * 60_000))[0]).toMatchObject({ state: 'overdue', dueAt: '2026-11-01T10:15:00.000Z' });
    const acked = { ...inc, acknowledgedAt: new Date(t0.getTime() + 5 * 60_000), containedAt: new Date(t0.getTime() + 5 * H) };
    expect(responseClocks(acked, sev1, new Date(t0.getTime() + 6 * H)).map((c) => c.state)).toEqual(['met', 'missed', 'running']);
  });
});

describe('regulatory deadlines from the facts', () => {
  it('starts the GDPR Art. 33 72-hour clock for a personal-data breach', () => {
    const out = deadlines(facts({ personalData: true }));
    expect(out.map((d) => [d.ruleKey, d.dueAt])).toEqual([['gdpr-art-33', '2026-11-04T10:00:00.000Z']]);
  });

  it('applies the EU AI Act 15 days to a serious incident of a high-risk EU system, and not to others', () => {
    expect(deadlines(facts({ answers: { seriousHarm: true } })).map((d) => [d.ruleKey, d.hours])).toEqual([['eu-ai-act-art-73', 360]]);
    expect(deadlines(facts({ answers: { seriousHarm: true }, systems: [{ riskTier: 'MINIMAL', regions: ['EU'] }] }))).toEqual([]);
    expect(deadlines(facts({ answers: { seriousHarm: true }, systems: [{ riskTier: 'HIGH', regions: ['US'] }] }))).toEqual([]);
  });

  it('takes the shortest EU AI Act period: 10 days for a death, 2 days when widespread or critical infrastructure', () => {
    expect(deadlines(facts({ answers: { death: true } })).map((d) => d.hours)).toEqual([240]);
    expect(deadlines(facts({ answers: { death: true, widespread: true } })).map((d) => d.hours)).toEqual([48]);
    expect(deadlines(facts({ answers: { criticalInfrastructure: true } })).map((d) => d.ruleKey)).toEqual(['eu-ai-act-art-73-widespread']);
  });

  it('applies HIPAA 60 days to a US health-data breach', () => {
    const out = deadlines(facts({ personalData: true, healthData: true }));
    expect(out.map((d) => [d.ruleKey, d.hours])).toEqual([['gdpr-art-33', 72], ['hipaa-breach', 1440]]);
  });

  it('triggers nothing for a near miss', () => {
    expect(deadlines(facts({ personalData: true, nearMiss: true, answers: { death: true } }))).toEqual([]);
  });

  it('counts down, goes overdue, and is met by a notification recorded in time', () => {
    const f = facts({ personalData: true });
    expect(deadlines(f, new Date(t0.getTime() + 80 * H))[0].state).toBe('overdue');
    const sent = [{ ruleKey: 'gdpr-art-33', notifiedAt: new Date(t0.getTime() + 48 * H), recipient: 'CNIL', reference: 'REF-1' }];
    expect(deadlines(f, new Date(t0.getTime() + 80 * H), sent)[0]).toMatchObject({ state: 'met', notification: { recipient: 'CNIL', reference: 'REF-1' } });
  });

  it('lets admins add an obligation as data', () => {
    const extra = { key: 'x', name: 'Custom', regulation: 'Local law', recipient: 'Regulator', hours: 24, group: 'x', whenAll: ['inUs', 'personalData'], whenAny: [] };
    const out = regulatoryDeadlines([...DEFAULT_NOTIFICATION_RULES, extra], facts({ personalData: true }), t0, [], t0);
    expect(out[0].ruleKey).toBe('x');
  });
});

it('formats durations', () => {
  expect(formatDuration(2 * 86_400_000 + 3 * H)).toBe('2 d 3 h');
  expect(formatDuration(45 * 60_000)).toBe('45 min');
  expect(formatDuration(-90 * 60_000)).toBe('1 h 30 min');
});

it('formats a ticking clock face', () => {
  expect(formatClock(2 * 86_400_000 + 3 * H + 12 * 60_000 + 45_000)).toBe('2 d 03:12:45');
  expect(formatClock(-(4 * 60_000 + 9_000))).toBe('00:04:09');
});
