import path from 'node:path';
import { createMigration } from '@/lib/platform/migrate';
import { repoRoot } from '@/lib/platform/process';

// npm run db:migration -- <name>: writes the migration that takes the
// existing migrations to what prisma/schema/*.prisma describes.
const name = process.argv[2];
if (!name || process.argv.length > 3) {
  console.error('usage: npm run db:migration -- <name>   (e.g. add_model_cards)');
  process.exit(2);
}

try {
  const created = await createMigration(name);
  if (created) {
    console.log(`wrote ${path.relative(repoRoot, created.path)}/migration.sql`);
    console.log('Review it, add what Prisma does not model (triggers, functions) by hand, and commit it.');
  } else {
    console.log('prisma/schema and prisma/migrations already agree: no migration written.');
  }
} catch (error) {
  console.error(`db:migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
