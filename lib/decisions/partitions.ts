import 'server-only';
import type pg from 'pg';

// Monthly range partitions of "Decision" (decision_YYYY_MM, UTC months).
// Created ahead by the decisions:partitions job and on demand by ingestion;
// dropped whole by retention (./retention.ts).

export const PARTITION_PATTERN = /^decision_(\d{4})_(\d{2})$/;

export function monthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

export function addMonths(month: Date, n: number): Date {
  return new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + n, 1));
}

export function partitionName(at: Date): string {
  const m = monthStart(at);
  return `decision_${m.getUTCFullYear()}_${String(m.getUTCMonth() + 1).padStart(2, '0')}`;
}

export type PartitionInfo = { name: string; from: Date; to: Date };

export function partitionRange(name: string): PartitionInfo | null {
  const match = PARTITION_PATTERN.exec(name);
  if (!match) return null;
  const from = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return { name, from, to: addMonths(from, 1) };
}

const known = new Set<string>();

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/** Creates the month partitions that hold these instants, if they do not exist yet. */
export async function ensurePartitions(client: Queryable, instants: Iterable<Date>): Promise<string[]> {
  const months = new Map<string, Date>();
  for (const at of instants) {
    const name = partitionName(at);
    if (!known.has(name)) months.set(name, monthStart(at));
  }
  const created: string[] = [];
  for (const [name, from] of months) {
    const to = addMonths(from, 1);
    try {
      const before = await client.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [`"${name}"`]);
      if (!before.rows[0].exists) {
        await client.query(`CREATE TABLE IF NOT EXISTS "${name}" PARTITION OF "Decision" FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`);
        created.push(name);
      }
    } catch (error) {
      // Another writer created it at the same moment.
      if (!['42P07', '23505'].includes((error as { code?: string }).code ?? '')) throw error;
    }
    known.add(name);
  }
  return created;
}

export async function listPartitions(client: Queryable): Promise<PartitionInfo[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'Decision' ORDER BY c.relname`,
  );
  return rows.map((r) => partitionRange(r.name)).filter((p): p is PartitionInfo => p !== null);
}

/** Forget what this process knows (a dropped partition must be created again). */
export function forgetPartition(name: string): void {
  known.delete(name);
}
