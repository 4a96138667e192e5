import { applyMigrations } from '@/lib/platform/migrate';

// npm run db:migrate: applies pending prisma/migrations to DATABASE_URL.
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set. Example: DATABASE_URL=postgresql://user:pass@host:5432/portal npm run db:migrate');
  process.exit(2);
}

try {
  const applied = await applyMigrations(url);
  if (applied.length === 0) console.log('Database is up to date: no pending migrations.');
  else for (const name of applied) console.log(`applied ${name}`);
} catch (error) {
  console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
