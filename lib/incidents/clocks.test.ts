import { describe, expect, it } from 'vitest';
import { DEFAULT_RESPONSE_TARGETS, formatClock, formatDuration, responseClocks } from './clocks';
import { obligations, type SentNotification } from './rules/evaluate';
import { emptyFlags, ruleSchema, type Flag, type IncidentFacts } from './rules/language';
import { shippedRules } from './rules/shipped';

const t0 = new Date('2026-11-01T10:00:00Z');
const H = 3_600_000;
// An EU and US high-risk system of a controller that provides it (the old default facts).
const facts = (over: { flags?: Flag[]; data?: IncidentFacts['dataCategories']; roles?: IncidentFacts['roles']; riskClasses?: string[]; operatesIn?: string[] } = {}): IncidentFacts => ({
  flags: { ...emptyFlags(), ...Object.fromEntries((over.flags ?? []).map((f) => [f, true])) },
  dataCategories: over.data ?? [],
  roles: over.roles ?? ['CONTROLLER', 'AI_PROVIDER'],
  peopleAffected: 40,
  residents: {},
  operatesIn: over.operatesIn ?? ['EU', 'US'],
  riskClasses: over.riskClasses ?? ['HIGH'],
  sectors: [],
  materiality: 'NOT_ASSESSED',
  events: { detection: t0.toISOString(), awareness: null, classification: null, materialityDetermination: null },
  notified: {},
});
const deadlines = (f: IncidentFacts, now = t0, sent: SentNotification[] = []) => obligations(shippedRules().rules, f, sent, now);
const hours = (o: { dueAt: string | null }) => (Date.parse(o.dueAt!) - t0.getTime()) / H;

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
    const out = deadlines(facts({ data: ['PERSONAL_DATA'] }));
    expect(out.map((d) => [d.ruleKey, d.dueAt])).toEqual([['gdpr-art-33', '2026-11-04T10:00:00.000Z']]);
  });

  it('applies the EU AI Act 15 days to a serious incident of a high-risk EU system, and not to others', () => {
    expect(deadlines(facts({ flags: ['seriousHealthHarm'] })).map((d) => [d.ruleKey, hours(d)])).toEqual([['eu-ai-act-art-73', 360]]);
    expect(deadlines(facts({ flags: ['seriousHealthHarm'], riskClasses: ['MINIMAL'], operatesIn: ['EU'] }))).toEqual([]);
    expect(deadlines(facts({ flags: ['seriousHealthHarm'], operatesIn: ['US'] }))).toEqual([]);
  });

  it('takes the shortest EU AI Act period: 10 days for a death, 2 days when widespread or critical infrastructure', () => {
    expect(deadlines(facts({ flags: ['death'] })).map(hours)).toEqual([240]);
    expect(deadlines(facts({ flags: ['death', 'widespreadInfringement'] })).map(hours)).toEqual([48]);
    expect(deadlines(facts({ flags: ['criticalInfrastructureDisruption'] })).map((d) => d.ruleKey)).toEqual(['eu-ai-act-art-73-widespread']);
  });

  it('applies HIPAA 60 days (164.404) to a US covered entity’s PHI breach, next to GDPR', () => {
    const out = deadlines(facts({ data: ['PERSONAL_DATA', 'PHI'], roles: ['CONTROLLER', 'COVERED_ENTITY'] }));
    // 40 people: HHS hears of it in the annual log, 60 days after the end of the calendar year (164.408(c)).
    expect(out.map((d) => [d.ruleKey, d.dueAt])).toEqual([
      ['gdpr-art-33', '2026-11-04T10:00:00.000Z'],
      ['hipaa-164-404', '2026-12-31T10:00:00.000Z'],
      ['hipaa-164-408-annual', '2027-03-02T05:00:00.000Z'],
    ]);
  });

  it('triggers nothing for a near miss', () => {
    expect(deadlines(facts({ data: ['PERSONAL_DATA'], flags: ['nearMiss', 'death'] }))).toEqual([]);
  });

  it('counts down, goes overdue, and is met by a notification recorded in time', () => {
    const f = facts({ data: ['PERSONAL_DATA'] });
    expect(deadlines(f, new Date(t0.getTime() + 80 * H))[0].state).toBe('overdue');
    const sent = [{ ruleKey: 'gdpr-art-33', notifiedAt: new Date(t0.getTime() + 48 * H).toISOString(), recipient: 'CNIL', reference: 'REF-1' }];
    expect(deadlines(f, new Date(t0.getTime() + 80 * H), sent)[0]).toMatchObject({ state: 'met', notification: { recipient: 'CNIL', reference: 'REF-1' } });
  });

  it('lets admins add an obligation as data', () => {
    const extra = ruleSchema.parse({
      key: 'local-law',
      name: 'Custom',
      jurisdiction: 'US',
      citation: 'Local law',
      recipient: 'Regulator',
      appliesWhen: { kind: 'all', of: [{ kind: 'operatesIn', any: ['US'] }, { kind: 'data', any: ['PERSONAL_DATA'] }] },
      limits: [{ start: { event: 'awareness' }, within: { amount: 24, unit: 'hours' } }],
    });
    const out = obligations([...shippedRules().rules, extra], facts({ data: ['PERSONAL_DATA'] }), [], t0);
    expect(out[0].ruleKey).toBe('local-law');
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
