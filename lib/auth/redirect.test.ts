import { describe, expect, it } from 'vitest';
import { safeRedirectPath, safeRedirectUrl } from './redirect';

const ORIGIN = 'https://grc.example.com';

describe('redirect targets from input stay on the portal', () => {
  it.each([
    '/\\evil.example',
    '/%09/evil.example'.replace('%09', '\t'),
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/\\/evil.example',
    '\\\\evil.example',
    '//evil.example',
    '///evil.example',
    '/ /evil.example'.replace(' ', '\t'),
    ' //evil.example',
    '\u0000//evil.example',
    'https://evil.example/',
    'http://grc.example.com/',
    'https://grc.example.com.evil.example/',
    'https://grc.example.com@evil.example/',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'mailto:x@evil.example',
    '',
    'x'.repeat(3000),
  ])('refuses %j', (target) => {
    const result = safeRedirectPath(target, ORIGIN);
    expect(new URL(result, ORIGIN).origin).toBe(ORIGIN);
    expect(result).toBe('/');
  });

  it.each([
    ['/', '/'],
    ['/audit-trail', '/audit-trail'],
    ['/models?stage=PRODUCTION#top', '/models?stage=PRODUCTION#top'],
    ['https://grc.example.com/findings/abc', '/findings/abc'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ['relative/path', '/relative/path'],
    ['evil.example', '/evil.example'],
  ])('keeps %j as %j', (target, expected) => {
    expect(safeRedirectPath(target, ORIGIN)).toBe(expected);
  });

  it('falls back for a non-string and gives absolute URLs for next-auth', () => {
    expect(safeRedirectPath(undefined, ORIGIN)).toBe('/');
    expect(safeRedirectPath(['/a', '/b'], ORIGIN)).toBe('/');
    expect(safeRedirectUrl('/\\evil.example', ORIGIN)).toBe('https://grc.example.com/');
    expect(safeRedirectUrl('/models', ORIGIN)).toBe('https://grc.example.com/models');
  });

  it('without a configured origin accepts paths only', () => {
    expect(safeRedirectPath('/models')).toBe('/models');
    expect(safeRedirectPath('https://grc.example.com/models')).toBe('/');
    expect(safeRedirectPath('/\\evil.example')).toBe('/');
  });
});
