import { generateSync } from 'otplib';
import pg from 'pg';

/** The TOTP code of a secret now, or `offsetSteps` 30-second steps away (a code is accepted once per step). */
export const totpCode = (secret: string, offsetSteps = 0) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

/** Ages the person's second factor past the 10-minute step-up window (the test cannot wait 10 minutes). */
export async function ageFactor(email: string) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`UPDATE "AuthSession" SET "factorAt" = now() - interval '11 minutes' WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = $1) AND "revokedAt" IS NULL`, [email]);
  } finally {
    await client.end();
  }
}
