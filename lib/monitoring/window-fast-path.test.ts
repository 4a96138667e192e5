import { describe, expect, it } from 'vitest';
import { windowSchema } from './schema';
import { fastWindow } from './window-fast-path';

const good = {
  windowId: ' w-1 ',
  start: '2026-11-30T00:00:00Z',
  end: '2026-12-01T00:00:00.000Z',
  rowCount: 1000,
  labelledCount: 900,
  metrics: [
    { name: 'accuracy', value: 0.9 },
    { name: 'accuracy', attribute: 'age', group: '<25', value: 0.81, count: 200 },
    { name: 'selection_rate', attribute: 'age', group: '>60', value: 0, count: 0 },
  ],
  features: { income: { counts: [1, 2, 3] }, region: { categories: { north: 4, south: 0 } } },
};

type Variant = [string, (w: Record<string, unknown>) => unknown];
const metric = (over: Record<string, unknown>) => (w: Record<string, unknown>) => ({ ...w, metrics: [{ name: 'accuracy', value: 0.5, ...over }] });
const feature = (value: unknown) => (w: Record<string, unknown>) => ({ ...w, features: { f: value } });
const variants: Variant[] = [
  ['as sent', (w) => w],
  ['no metrics, no features, no labelledCount', ({ metrics: _m, features: _f, labelledCount: _l, ...w }) => w],
  ['empty metrics and features', (w) => ({ ...w, metrics: [], features: {} })],
  ['an unknown field', (w) => ({ ...w, extra: 1 })],
  ['a blank windowId', (w) => ({ ...w, windowId: '   ' })],
  ['a windowId of 121 characters', (w) => ({ ...w, windowId: 'x'.repeat(121) })],
  ['a windowId of 120 characters inside spaces', (w) => ({ ...w, windowId: ` ${'x'.repeat(120)} ` })],
  ['a control character in the windowId', (w) => ({ ...w, windowId: 'a\u0001b' })],
  ['a number as windowId', (w) => ({ ...w, windowId: 7 })],
  ['a start that is no time', (w) => ({ ...w, start: 'yesterday' })],
  ['a start as a number', (w) => ({ ...w, start: 1_700_000_000_000 })],
  ['a blank start', (w) => ({ ...w, start: ' ' })],
  ['a start in 1850', (w) => ({ ...w, start: '1850-01-01T00:00:00Z' })],
  ['an end before the start', (w) => ({ ...w, end: '2026-11-29T00:00:00Z' })],
  ['an end equal to the start', (w) => ({ ...w, end: w.start })],
  ['a date without time', (w) => ({ ...w, start: '2026-11-30', end: '2026-12-01' })],
  ['a negative rowCount', (w) => ({ ...w, rowCount: -1 })],
  ['a fractional rowCount', (w) => ({ ...w, rowCount: 1.5 })],
  ['a rowCount as text', (w) => ({ ...w, rowCount: '1000' })],
  ['a huge rowCount', (w) => ({ ...w, rowCount: 2_000_000_000_000 })],
  ['a null labelledCount', (w) => ({ ...w, labelledCount: null })],
  ['metrics not a list', (w) => ({ ...w, metrics: {} })],
  ['2,001 metrics', (w) => ({ ...w, metrics: Array.from({ length: 2001 }, () => ({ name: 'accuracy', value: 1 })) })],
  ['a metric with a padded name', metric({ name: ' accuracy ' })],
  ['a metric with a blank name', metric({ name: '' })],
  ['a metric value as text', metric({ value: '0.5' })],
  ['a metric without a value', ({ metrics: _m, ...w }) => ({ ...w, metrics: [{ name: 'accuracy' }] })],
  ['a metric with an attribute and no group', metric({ attribute: 'age' })],
  ['a metric with a group and no attribute', metric({ group: '<25' })],
  ['a metric with a blank group', metric({ attribute: 'age', group: ' ' })],
  ['a metric with a negative count', metric({ count: -3 })],
  ['a metric with a null count', metric({ count: null })],
  ['a metric with an unknown field', metric({ weight: 1 })],
  ['a metric that is a list', (w) => ({ ...w, metrics: [[1]] })],
  ['features as a list', (w) => ({ ...w, features: [] })],
  ['a feature name of 121 characters', (w) => ({ ...w, features: { ['f'.repeat(121)]: { counts: [1] } } })],
  ['a feature name of 120 characters', (w) => ({ ...w, features: { ['f'.repeat(120)]: { counts: [1] } } })],
  ['empty counts', feature({ counts: [] })],
  ['1,001 counts', feature({ counts: Array.from({ length: 1001 }, () => 1) })],
  ['1,000 counts', feature({ counts: Array.from({ length: 1000 }, () => 1) })],
  ['a fractional count', feature({ counts: [1, 2.5] })],
  ['a count as text', feature({ counts: [1, '2'] })],
  ['counts and categories together', feature({ counts: [1], categories: { a: 1 } })],
  ['a feature with neither', feature({})],
  ['a feature with an unknown field', feature({ bins: [1] })],
  ['categories as a list', feature({ categories: [1] })],
  ['a category label of 201 characters', feature({ categories: { ['c'.repeat(201)]: 1 } })],
  ['a negative category count', feature({ categories: { a: -1 } })],
  ['no categories at all', feature({ categories: {} })],
  ['a feature that is null', feature(null)],
  ['a window that is a list', () => [good]],
  ['a window that is null', () => null],
];

describe('the window fast path', () => {
  it.each(variants)('gives the schema\'s value when it takes %s', (_label, make) => {
    const input = make(structuredClone(good) as Record<string, unknown>);
    const fast = fastWindow(input);
    const schema = windowSchema.safeParse(input);
    // What the fast path leaves (null) goes to the schema; what it takes, the schema accepts with the same value.
    if (fast) {
      expect(schema.success).toBe(true);
      expect(fast).toStrictEqual(schema.data);
      expect(Object.keys(fast)).toEqual(Object.keys(schema.data!));
    }
  });

  it('takes exactly the windows the schema accepts, so every refusal and its message stay the schema\'s', () => {
    const taken = variants.filter(([, make]) => fastWindow(make(structuredClone(good) as Record<string, unknown>)) !== null).map(([label]) => label);
    const accepted = variants.filter(([, make]) => windowSchema.safeParse(make(structuredClone(good) as Record<string, unknown>)).success).map(([label]) => label);
    expect(taken).toEqual(accepted);
  });
});
