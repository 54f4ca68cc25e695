import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` is used; migrations are applied by src/db/migrate.ts
// (drizzle-kit migrate/push fail silently on MariaDB).
export default defineConfig({
  dialect: 'mysql',
  schema: './src/db/schema/index.ts',
  out: './drizzle',
});
