import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('password policy', () => {
  it('requires at least 12 characters', () => {
    expect(passwordProblem('short-pass1')).toMatch(/at least 12/);
    expect(passwordProblem('a-long-enough-phrase')).toBeNull();
  });

  it('rejects commonly used passwords, whatever their case', () => {
    expect(passwordProblem('1qaz2wsx3edc')).toMatch(/too easy to guess/);
    expect(passwordProblem('QWERTY123456')).toMatch(/too easy to guess/);
  });

  it('estimates strength: variations of common passwords are refused, with the reason', () => {
    for (const weak of ['Password123!', 'iloveyou2026', 'Passw0rd2026!', 'qwertyuiop123', 'abcd1234abcd', 'governance2026']) {
      const problem = passwordProblem(weak);
      expect(problem, weak).toMatch(/^This password is too easy to guess\. \S/);
    }
    expect(passwordProblem('Password123!')).toMatch(/common|guess|predictable|word/i);
    for (const strong of ['correct horse battery staple', 'vR7#qL2!mZ9@xT4w', 'lantern-quartz-meadow-41']) expect(passwordProblem(strong), strong).toBeNull();
  });

  it('rejects a repeated character and the email name', () => {
    expect(passwordProblem('aaaaaaaaaaaaaa')).toMatch(/too easy to guess/);
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
