import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('password policy', () => {
  it('requires at least 12 characters', () => {
    expect(passwordProblem('short-pass1')).toMatch(/at least 12/);
    expect(passwordProblem('a-long-enough-phrase')).toBeNull();
  });

  it('rejects commonly used passwords, whatever their case', () => {
    expect(passwordProblem('1qaz2wsx3edc')).toMatch(/commonly used/);
    expect(passwordProblem('QWERTY123456')).toMatch(/commonly used/);
  });

  it('rejects a repeated character and the email name', () => {
    expect(passwordProblem('aaaaaaaaaaaaaa')).toMatch(/repeat/);
    expect(passwordProblem('casey.jones-2026!', 'casey.jones@acme.example')).toMatch(/email/);
  });
});

describe('password hashing', () => {
  it('uses argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'wrong horse battery staple')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});
