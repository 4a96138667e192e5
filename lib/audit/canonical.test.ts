import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import { chainHash, diffFields, eventPayload, GENESIS_HASH } from './chain';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('is the same for the same value whatever the insertion order', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('drops undefined members, keeps null, writes dates as UTC ISO and bigints as strings', () => {
    expect(canonicalJson({ a: undefined, b: null, t: new Date('2026-01-02T03:04:05.678Z'), n: 12345678901234567890n })).toBe(
      '{"b":null,"n":"12345678901234567890","t":"2026-01-02T03:04:05.678Z"}',
    );
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ s: 'quote " and \n newline and é' })).toBe('{"s":"quote \\" and \\n newline and é"}');
  });

  it('writes numbers, arrays and nested values byte for byte as JSON.stringify does when keys are already sorted', () => {
    const numbers = [0, -0, 1, -1, 0.1 + 0.2, 1e21, 1e-7, 1.5e-7, 123456789.123456, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, -Number.MAX_VALUE, 2 ** 53 + 2];
    expect(canonicalJson(numbers)).toBe(JSON.stringify(numbers));
    const nested = { a: [1, [2, [3, { b: null, c: 'x', d: true }]], []], e: {}, f: [{}, [], ''], g: 'ünï\u2028code' };
    expect(canonicalJson(nested)).toBe(JSON.stringify(nested));
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
  });

  it('refuses values JSON cannot represent', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow();
  });
});

describe('the hash chain', () => {
  const event = {
    seq: 1n,
    at: new Date('2026-11-23T10:00:00.000Z'),
    orgId: 'org',
    actorId: 'u1',
    actorLabel: 'admin@acme.example',
    action: 'user.created',
    entityType: 'user',
    entityId: 'u2',
    changes: canonicalJson({ role: { from: null, to: 'ADMIN' } }),
    reason: null,
    requestId: 'req-1',
    ip: '127.0.0.1',
  };

  it('hashes the previous hash, a newline and the canonical event', () => {
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n${eventPayload(event)}`).digest('hex');
    expect(chainHash(GENESIS_HASH, event)).toBe(expected);
  });

  it('writes the event as canonical JSON with the changes embedded', () => {
    const { changes, seq, at, ...rest } = event;
    expect(eventPayload(event)).toBe(canonicalJson({ ...rest, seq: String(seq), at: at.toISOString(), changes: JSON.parse(changes) }));
    expect(eventPayload({ ...event, changes: null })).toContain('"changes":null,"entityId":"u2"');
  });

  it('changes when any covered field or the previous hash changes', () => {
    const base = chainHash(GENESIS_HASH, event);
    expect(chainHash('f'.repeat(64), event)).not.toBe(base);
    expect(chainHash(GENESIS_HASH, { ...event, action: 'user.deleted' })).not.toBe(base);
    expect(chainHash(GENESIS_HASH, { ...event, changes: canonicalJson({ role: { from: null, to: 'AUDITOR' } }) })).not.toBe(base);
    expect(chainHash(GENESIS_HASH, { ...event, at: '2026-11-23T10:00:00.001Z' })).not.toBe(base);
  });

  it('is the same whether the time comes as a Date or its ISO string', () => {
    expect(chainHash(GENESIS_HASH, event)).toBe(chainHash(GENESIS_HASH, { ...event, at: event.at.toISOString() }));
  });
});

describe('canonicalJson against its definition', () => {
  // The first definition (sort every object's keys, join the members); the writer must keep its bytes.
  const reference = (v: unknown): string => {
    if (v === null || v === undefined) return 'null';
    if (v instanceof Date) return JSON.stringify(v.toISOString());
    if (typeof v === 'bigint') return JSON.stringify(v.toString());
    if (typeof v !== 'object') return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : reference(x))).join(',')}]`;
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${reference(o[k])}`).join(',')}}`;
  };
  it.each([
    ['sorted keys', { a: 1, b: [1, 'x'], c: { d: null } }],
    ['unsorted keys', { z: 1, a: { y: 2, b: 3 }, m: [{ q: 1, p: 2 }] }],
    ['undefined members first and last', { a: undefined, b: 1, c: undefined }],
    ['only undefined members', { a: undefined }],
    ['arrays with undefined, empty and nested', [undefined, [], {}, [[1]], null]],
    ['unicode keys', { é: 1, e: 2, E: 3, '😀': 4, '': 5 }],
    ['dates and bigints', { at: new Date('2026-01-01T00:00:00Z'), n: 12n }],
  ])('writes %s as before', (_, value) => {
    expect(canonicalJson(value)).toBe(reference(value));
  });
});

describe('diffFields', () => {
  it('returns only the changed fields, with from and to', () => {
    expect(diffFields({ a: 1, b: 'x', c: [1] }, { a: 1, b: 'y', c: [1, 2] })).toEqual({ b: { from: 'x', to: 'y' }, c: { from: [1], to: [1, 2] } });
  });

  it('treats a creation as from null and compares dates by value', () => {
    expect(diffFields(null, { a: 1 })).toEqual({ a: { from: null, to: 1 } });
    const d = new Date('2026-01-01T00:00:00Z');
    expect(diffFields({ d }, { d: new Date(d) })).toEqual({});
  });
});
