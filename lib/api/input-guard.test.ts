import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { assertSafeCsv, assertSafeInput, inputProblems, safeText } from './input-guard';

function refusal(fn: () => void): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the input guard', () => {
  it('names every string with a control character by its path, and keeps tab, CR and LF', () => {
    const problems = inputProblems({ title: 'a\u0000b', notes: 'line 1\r\n\tline 2', items: [{ label: 'ok' }, { label: 'x\u001by' }] });
    expect(Object.keys(problems).sort()).toEqual(['items.1.label', 'title']);
    expect(problems.title[0]).toContain('U+0000');
    expect(problems['items.1.label'][0]).toContain('U+001B');
  });

  it('refuses with a 422 whose message names the field', () => {
    const error = refusal(() => assertSafeInput({ description: 'bad\u0007' }, 'request body'));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('Invalid request body: description: Contains a control character (U+0007); remove it');
    expect(error.fieldErrors).toEqual({ description: ['Contains a control character (U+0007); remove it'] });
  });

  it('refuses __proto__ and constructor keys, which JSON.parse keeps as own properties', () => {
    const body = JSON.parse('{"a":{"__proto__":{"admin":true}},"constructor":1}');
    expect(Object.keys(inputProblems(body)).sort()).toEqual(['a.__proto__', 'constructor']);
  });

  it('stops at the depth limit without overflowing the stack on 10,000 levels', () => {
    const deep = JSON.parse('['.repeat(10_000) + ']'.repeat(10_000));
    const problems = inputProblems({ body: deep });
    const [path, messages] = Object.entries(problems)[0];
    expect(path.split('.')[0]).toBe('body');
    expect(messages[0]).toBe('Nested more than 32 levels deep');
    expect(inputProblems(JSON.parse('['.repeat(20) + ']'.repeat(20)))).toEqual({});
  });

  it('names the full path, after a prefix, of a problem deep in a large body of numbers', () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => ({ y: i % 2, score: i / 50_000, features: { f0: i, f1: [i, i + 1] } }));
    (rows[41_234].features as Record<string, unknown>).note = ['ok', 'bad\u0001'];
    const problems = inputProblems({ rows }, { prefix: ['body'] });
    expect(problems).toEqual({ 'body.rows.41234.features.note.1': ['Contains a control character (U+0001); remove it'] });
    const keyed = inputProblems({ a: [{ b: { constructor: 1 } }] }, { prefix: ['q'] });
    expect(Object.keys(keyed)).toEqual(['q.a.0.b.constructor']);
  });

  it('names a CSV cell by row and column header', () => {
    const error = refusal(() => assertSafeCsv([['ref', 'title'], ['A-1', 'ok'], ['A-2', 'a\u0000b']]));
    expect(error.message).toBe('Invalid CSV: row 3, "title": Contains a control character (U+0000); remove it');
  });

  it('offers a zod string that refuses controls, single-line or multi-line', () => {
    expect(safeText({ max: 10 }).safeParse(' name ').data).toBe('name');
    expect(safeText().safeParse('a\nb').success).toBe(false);
    expect(safeText({ multiline: true }).safeParse('a\n\tb').success).toBe(true);
    expect(safeText({ multiline: true }).safeParse('a\u0000b').success).toBe(false);
    expect(safeText({ max: 3 }).safeParse('abcd').error?.issues[0].message).toBe('At most 3 characters');
  });
});
