import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formErrorMap } from './error-map';
import { schemaHints } from './hints';
import { describeSubPath, words } from './labels';

const messages = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value, { error: formErrorMap });
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe('form error map', () => {
  it('says what to do, never what zod expected', () => {
    expect(messages(z.object({ text: z.string().max(10_000) }), { text: 'x'.repeat(10_001) })).toEqual(['Use at most 10,000 characters.']);
    expect(messages(z.object({ ids: z.array(z.string()) }), {})).toEqual(['This field is required.']);
    expect(messages(z.object({ n: z.number().min(1) }), { n: 0 })).toEqual(['Enter 1 or more.']);
    expect(messages(z.object({ email: z.email() }), { email: 'nope' })).toEqual(['Enter an email address, like name@example.com.']);
    expect(messages(z.object({ s: z.enum(['A', 'B']) }), { s: 'C' })).toEqual(['Choose one of: A, B.']);
    for (const m of messages(z.object({ t: z.string().min(1), n: z.number(), d: z.iso.date() }), { t: '', n: 'x', d: 'soon' })) {
      expect(m).not.toMatch(/expected|received|Too big|Too small|Invalid input/);
    }
  });

  it('keeps a message the schema gives', () => {
    expect(messages(z.object({ reason: z.string().min(1, 'Say why the evidence is rejected') }), { reason: '' })).toEqual(['Say why the evidence is rejected']);
  });
});

describe('schema hints', () => {
  it('reads required marks and limits through optional, default and preprocess wrappers', () => {
    const blank = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());
    const hints = schemaHints(
      z
        .object({
          title: z.string().trim().min(2).max(200),
          notes: blank(z.string().max(5000)),
          count: z.coerce.number().int().min(0).max(10),
          severity: z.enum(['LOW', 'HIGH']).default('LOW'),
          tags: z.array(z.string()).min(1),
        })
        .refine(() => true),
    );
    expect(hints.title).toMatchObject({ kind: 'text', required: true, minLength: 2, maxLength: 200 });
    expect(hints.notes).toMatchObject({ kind: 'text', required: false, maxLength: 5000 });
    expect(hints.count).toMatchObject({ kind: 'number', required: true, min: 0, max: 10 });
    expect(hints.severity).toMatchObject({ kind: 'choice', required: false, options: ['LOW', 'HIGH'] });
    expect(hints.tags).toMatchObject({ kind: 'list', required: true });
    expect(JSON.parse(JSON.stringify(hints))).toEqual(hints);
  });
});

describe('labels for keys nobody labelled', () => {
  it('turns internal paths into words', () => {
    expect(describeSubPath('0.value')).toBe('row 1, value');
    expect(words('containMinutes')).toBe('Contain minutes');
  });
});
