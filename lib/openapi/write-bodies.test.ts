import { describe, expect, it } from 'vitest';
import { API_SPECS } from './registry';
import { parseOrThrow } from '@/lib/api/route';

// zod 4 keeps a field's .default() under .partial(): an update schema built
// from a create schema fills in what the caller left out, and a PUT whose
// list defaults to [] clears everything on `{}`. An empty update body must
// therefore either be refused or change nothing.
const updates = API_SPECS.filter((s) => (s.method === 'PUT' || s.method === 'PATCH') && s.body && s.bodyType !== 'multipart');

describe('update bodies never fill in what the caller left out', () => {
  it('covers the update routes', () => {
    expect(updates.length).toBeGreaterThan(5);
  });

  it.each(updates.map((s) => [`${s.method} ${s.path}`, s] as const))('%s: {} is refused or sets nothing', (_name, spec) => {
    const parsed = spec.body!.safeParse({});
    if (!parsed.success) return;
    const set = Object.entries(parsed.data as Record<string, unknown>).filter(([, v]) => v !== undefined);
    expect(set).toEqual([]);
  });

  it('PUT /api/v1/ai-systems/{id}/frameworks requires the list and names the field', () => {
    const spec = updates.find((s) => s.path === '/api/v1/ai-systems/{id}/frameworks')!;
    const parsed = spec.body!.safeParse({});
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0].path).toEqual(['frameworkKeys']);
    expect(() => parseOrThrow(spec.body!, {}, 'request body')).toThrow(/frameworkKeys/);
    expect(spec.body!.safeParse({ frameworkKeys: [] }).success).toBe(true);
  });
});
