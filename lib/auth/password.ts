import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';
import { z } from 'zod';

// Argon2id with OWASP's recommended floor (19 MiB, 2 passes).
const ARGON_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;
/** zxcvbn's scale: 3 = "safely unguessable" (about 10^8 guesses and more), 4 = very. */
export const MIN_PASSWORD_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;
function strength() {
  estimator ??= new ZxcvbnFactory({
    translations: zxcvbnEn.translations,
    graphs: zxcvbnCommon.adjacencyGraphs,
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary, portal: ['governance', 'compliance', 'portal', 'acme'] },
  });
  return estimator;
}

/**
 * Returns why a password is not acceptable, or null when it is: long enough
 * and estimated hard to guess (zxcvbn: dictionary words, names, keyboard
 * patterns, dates, l33t and appended digits or years count for little).
 */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > 256) return 'Use at most 256 characters.';
  const lower = password.toLowerCase();
  const local = email?.toLowerCase().split('@')[0] ?? '';
  if (local.length >= 4 && lower.includes(local)) return 'Do not include your email name in the password.';
  const result = strength().check(password, email ? [email, local, ...local.split(/[._+-]/)] : []);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const why = result.feedback.warning;
  const tip = result.feedback.suggestions[0];
  return ['This password is too easy to guess.', why, tip ?? 'Add more words that are unusual together.']
    .filter(Boolean)
    .map((s) => (s!.endsWith('.') ? s : `${s}.`))
    .join(' ');
}

export const newPasswordSchema = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against a fixed hash when the account does not exist keeps the
// response time from telling which emails are registered.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password-for-timing');
  await verifyPassword(await dummyHash, password);
}
