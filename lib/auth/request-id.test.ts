import { describe, expect, it } from 'vitest';
import { acceptRequestId } from './request-id';

describe('request ids from the client', () => {
  it('keeps a UUID', () => {
    expect(acceptRequestId('3F2504E0-4F89-41D3-9A0C-0305E82C3301')).toBe('3f2504e0-4f89-41d3-9a0c-0305e82c3301');
  });

  it.each(['', 'abc', 'audit-forged-id-12345', '3f2504e0-4f89-41d3-9a0c-0305e82c3301\nx', 'x'.repeat(64), "'; DROP TABLE x;--"])(
    'replaces %j with a fresh UUID',
    (given) => {
      const id = acceptRequestId(given);
      expect(id).not.toBe(given);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    },
  );
});
