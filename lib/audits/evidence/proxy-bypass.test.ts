import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { config } from '@/proxy';

// Next.js buffers the whole body of every request its proxy matches; the
// upload route must stay outside the matcher for its body to stream.
const require = createRequire(import.meta.url);
const { tryToParsePath } = require('next/dist/lib/try-to-parse-path') as { tryToParsePath: (route: string) => { regexStr?: string } };

describe('the proxy matcher', () => {
  const [source] = config.matcher;
  const re = new RegExp(tryToParsePath(source).regexStr!);

  it('leaves the evidence upload route out, so its body streams to storage', () => {
    expect(re.test('/api/v1/evidence')).toBe(false);
  });

  it('still runs for pages and every other route', () => {
    for (const p of ['/', '/audits/evidence', '/api/v1/evidence/ev_1/download', '/api/v1/evidence/requests', '/api/v1/findings']) expect(re.test(p), p).toBe(true);
  });
});
