// The Prisma CLI reads no .env when it has a config file: the repository root's, first.
import "@gatehouse/root-env/load";

import { defineConfig } from "prisma/config";

import { env } from "./src/env";
import { PostgresMigrateAdapterFactory } from "./src/postgres-adapter";
import { MIGRATION_DIRS, SCHEMA_FILES } from "./src/prisma-files";
import { providerOf } from "./src/provider";
import { SQLiteAdapterFactory } from "./src/sqlite-adapter";

// Prisma 6.19 with the WebAssembly schema engine: the CLI migrates through a
// driver adapter, so nothing is downloaded (see README). DATABASE_URL picks the
// provider, and with it the schema, the migrations and the adapter.
const provider = providerOf(env.DATABASE_URL) ?? "sqlite";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: SCHEMA_FILES[provider],
  migrations: { path: MIGRATION_DIRS[provider] },
  adapter: () =>
    Promise.resolve(
      provider === "postgresql" ? new PostgresMigrateAdapterFactory(env.DATABASE_URL) : new SQLiteAdapterFactory(env.DATABASE_URL),
    ),
});
