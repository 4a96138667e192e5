import { describe, expect, it } from 'vitest';
import { conditionSchema, ruleSchema } from './language';

const valid = {
  key: 'local-law',
  name: 'Local breach law',
  jurisdiction: 'US-NJ',
  citation: 'N.J. Stat. § 56:8-163',
  sourceUrl: 'https://example.org/law',
  recipient: 'Division of State Police',
  appliesWhen: { kind: 'all', of: [{ kind: 'residents', in: ['US-NJ'], atLeast: 1 }, { kind: 'data', any: ['GOVERNMENT_ID'] }] },
  limits: [{ start: { event: 'awareness' }, within: { amount: 30, unit: 'calendarDays' } }],
};

describe('the rule language refuses what it cannot mean', () => {
  it('accepts a well-formed rule and fills the defaults', () => {
    const r = ruleSchema.parse(valid);
    expect(r).toMatchObject({ promptness: null, draft: [] });
  });

  it('names the path of every error', () => {
    const bad = ruleSchema.safeParse({ ...valid, appliesWhen: { kind: 'all', of: [{ kind: 'flag', flag: 'nonsense' }] }, limits: [{ start: { event: 'awareness' }, within: { amount: 4, unit: 'businessDays' } }] });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('appliesWhen.of.0.flag');
    expect(paths).toContain('limits.0.within.calendar');
  });

  it('refuses two thresholds at once, unknown kinds and extra keys', () => {
    expect(conditionSchema.safeParse({ kind: 'people', atLeast: 5, moreThan: 3 }).success).toBe(false);
    expect(conditionSchema.safeParse({ kind: 'weather', any: ['rain'] }).success).toBe(false);
    expect(conditionSchema.safeParse({ kind: 'role', any: ['CONTROLLER'], extra: true }).success).toBe(false);
    expect(ruleSchema.safeParse({ ...valid, sourceUrl: 'http://insecure.example' }).success).toBe(false);
  });
});
