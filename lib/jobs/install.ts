import pg from 'pg';
import { getConstructionPlans } from 'pg-boss';

/** pg-boss keeps its tables in a schema of their own, beside Prisma's "public". */
export const JOB_SCHEMA = 'pgboss';

async function installed(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [`${JOB_SCHEMA}.version`]);
  return rows[0].found !== null;
}

/**
 * Creates the job queue's schema when the database has none; resolves true
 * when it did. A newer pg-boss migrates an older schema itself when it starts.
 * Kept out of Prisma's migrations: the schema is pg-boss's own, versioned by it.
 */
export async function installJobSchema(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (await installed(client)) return false;
    try {
      // One script: it takes its own advisory lock and runs in one transaction.
      await client.query(getConstructionPlans(JOB_SCHEMA));
    } catch (error) {
      // Another process installing at the same moment wins; that is fine.
      await client.query('ROLLBACK').catch(() => undefined);
      if (await installed(client)) return false;
      throw error;
    }
    return true;
  } finally {
    await client.end();
  }
}
