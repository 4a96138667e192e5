import { describe, expect, it } from 'vitest';
import { quickDecisionRecord } from './record-check';
import { decisionRecordSchema } from './schema';

// The hand-written check must never accept what the schema refuses, and
// what it accepts must be exactly the schema's parse.

const valid = () => ({
  decisionId: 'dec-1',
  model: 'credit',
  version: '2.0',
  timestamp: '2026-11-30T10:00:00.000Z',
  subjectRef: 'subj-1',
  features: { income: 42_000, debt_ratio: 0.4, employed: true, region: 'north', note: null },
  output: { score: 0.4, class: 'decline' },
  confidence: 0.8,
  decision: 'decline',
  group: 'g1',
  human: { reviewed: true, overridden: true, reviewer: 'Ann', reason: 'Income proof' },
  latencyMs: 12,
  explanation: { method: 'tree-shap', baseValue: 0.3, attributions: { income: -0.12, debt_ratio: 0.22 }, additive: true },
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the mutations write wrong types on purpose
type Draft = Record<string, any>;
type Mutation = [string, (r: Draft) => void];
const long = (n: number) => 'x'.repeat(n);
const mutations: Mutation[] = [
  ['nothing', () => {}],
  ['minimal', (r) => { delete r.confidence; delete r.group; delete r.human; delete r.latencyMs; delete r.explanation; r.output = { value: 3 }; }],
  ['human without overridden', (r) => { r.human = { reviewed: false }; }],
  ['an offset timestamp', (r) => { r.timestamp = '2026-11-30T10:00:00+02:00'; }],
  ['an empty group', (r) => { r.group = ''; }],
  ['an empty features map', (r) => { r.features = {}; }],
  ['class only', (r) => { r.output = { class: 'approve' }; }],
  ['not an object', (r) => { for (const k of Object.keys(r)) delete r[k]; }],
  ['an unknown key', (r) => { r.extra = 1; }],
  ['an undefined member', (r) => { r.confidence = undefined; }],
  ['a missing decisionId', (r) => { delete r.decisionId; }],
  ['an empty decisionId', (r) => { r.decisionId = ''; }],
  ['a blank decisionId', (r) => { r.decisionId = '   '; }],
  ['an untrimmed model', (r) => { r.model = ' credit '; }],
  ['a long version', (r) => { r.version = long(121); }],
  ['a long subjectRef', (r) => { r.subjectRef = long(201); }],
  ['a numeric decision', (r) => { r.decision = 1; }],
  ['a long decision', (r) => { r.decision = long(101); }],
  ['a date without offset', (r) => { r.timestamp = '2026-11-30T10:00:00'; }],
  ['an impossible date', (r) => { r.timestamp = '2026-02-30T10:00:00Z'; }],
  ['a date only', (r) => { r.timestamp = '2026-11-30'; }],
  ['features as an array', (r) => { r.features = [1, 2]; }],
  ['a feature object', (r) => { r.features = { a: { b: 1 } }; }],
  ['a long feature value', (r) => { r.features = { a: long(1001) }; }],
  ['a long feature name', (r) => { r.features = { [long(121)]: 1 }; }],
  ['a non-finite feature', (r) => { r.features = { a: Number.NaN }; }],
  ['too many features', (r) => { r.features = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`f${i}`, i])); }],
  ['an empty output', (r) => { r.output = {}; }],
  ['a string score', (r) => { r.output = { score: '0.4' }; }],
  ['an infinite value', (r) => { r.output = { value: Number.POSITIVE_INFINITY }; }],
  ['a long class', (r) => { r.output = { class: long(201) }; }],
  ['an unknown output member', (r) => { r.output = { score: 0.1, label: 'x' }; }],
  ['confidence above 1', (r) => { r.confidence = 1.01; }],
  ['confidence below 0', (r) => { r.confidence = -0.01; }],
  ['a long group', (r) => { r.group = long(101); }],
  ['an untrimmed group', (r) => { r.group = 'g1 '; }],
  ['negative latency', (r) => { r.latencyMs = -1; }],
  ['latency over an hour', (r) => { r.latencyMs = 3_600_001; }],
  ['an override without its reason', (r) => { r.human = { reviewed: true, overridden: true, reviewer: 'Ann' }; }],
  ['an override without review', (r) => { r.human = { reviewed: false, overridden: true, reviewer: 'Ann', reason: 'x' }; }],
  ['an override with a blank reviewer', (r) => { r.human = { reviewed: true, overridden: true, reviewer: '  ', reason: 'x' }; }],
  ['reviewed as a string', (r) => { r.human = { reviewed: 'yes' }; }],
  ['a long reason', (r) => { r.human = { reviewed: true, reason: long(2001) }; }],
  ['an explanation without method', (r) => { delete r.explanation.method; }],
  ['a long method', (r) => { r.explanation.method = long(61); }],
  ['a string base value', (r) => { r.explanation.baseValue = '0.3'; }],
  ['no attributions', (r) => { r.explanation.attributions = {}; }],
  ['a string attribution', (r) => { r.explanation.attributions = { a: '1' }; }],
  ['too many attributions', (r) => { r.explanation.attributions = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`f${i}`, i])); }],
  ['additive as a string', (r) => { r.explanation.additive = 'true'; }],
  ['an unknown explanation member', (r) => { r.explanation.why = 'x'; }],
];

describe('the hand-written record check', () => {
  it.each(mutations)('agrees with the schema on %s', (_, mutate) => {
    const record: Draft = valid();
    mutate(record);
    const schema = decisionRecordSchema.safeParse(structuredClone(record));
    const quick = quickDecisionRecord(structuredClone(record));
    if (!schema.success) expect(quick).toBeNull();
    else if (quick !== null) expect(quick).toStrictEqual(schema.data);
  });

  it('takes the plainly valid records itself (the schema only sees the rest)', () => {
    for (const name of ['nothing', 'minimal', 'human without overridden', 'an offset timestamp', 'an empty group', 'an empty features map', 'class only']) {
      const record: Draft = valid();
      mutations.find(([n]) => n === name)![1](record);
      expect(quickDecisionRecord(record), name).not.toBeNull();
    }
  });

  it('leaves every refused record to the schema', () => {
    const refused = mutations.filter(([, mutate]) => {
      const record: Draft = valid();
      mutate(record);
      return !decisionRecordSchema.safeParse(record).success;
    });
    expect(refused.length).toBeGreaterThan(35);
  });
});
