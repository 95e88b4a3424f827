// Configures the Prisma CLI only. The app itself never reads this file: it
// builds its own connection (server/database.ts) and applies migrations
// without the CLI (server/migrations.ts).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // Only migrate/status need a URL; generate runs without one.
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
