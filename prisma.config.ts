import { defineConfig } from 'prisma/config';

// The CLI is only used for `prisma generate` here; migrations run through
// lib/platform/migrate.ts (offline). DATABASE_URL is optional for generate.
export default defineConfig({
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/unused' },
});
