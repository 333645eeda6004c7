// pnpm --filter @gatehouse/db migrate:dev --name what_changed
//
// After an edit of prisma/schema.prisma: writes the migration for both
// providers, under the same folder name, applies the SQLite one to the dev
// database and regenerates both clients. PostgreSQL's migration is computed on a
// throwaway database of the server that TEST_DATABASE_URL (or a postgresql://
// DATABASE_URL) names: `eval "$(pnpm -s db:postgres)"` starts one.
import "@gatehouse/root-env/load";

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

import { env, normalizeDatabaseUrl } from "../env";
import { MIGRATION_DIRS, SCHEMA_FILES, writePostgresSchema } from "../prisma-files";
import { providerOf } from "../provider";
import { testEnv } from "../test-env";

const { values } = parseArgs({ options: { name: { type: "string" } } });
if (!values.name || !/^\w+$/.test(values.name)) {
  console.error("Usage: pnpm --filter @gatehouse/db migrate:dev --name what_changed (letters, digits, _)");
  process.exit(2);
}

const sqliteUrl = providerOf(env.DATABASE_URL) === "sqlite" ? env.DATABASE_URL : normalizeDatabaseUrl(undefined);
const postgresUrl = providerOf(env.DATABASE_URL) === "postgresql" ? env.DATABASE_URL : testEnv.TEST_DATABASE_URL;
if (!postgresUrl) {
  // Checked before anything is written: a migration for one provider only would leave the two sets apart.
  console.error(
    "The PostgreSQL migration is computed on a PostgreSQL server: set TEST_DATABASE_URL\n" +
      '(eval "$(pnpm -s db:postgres)" starts Debian\'s PostgreSQL 15 and prints it). Nothing was written.',
  );
  process.exit(1);
}

const prisma = (args: string[], databaseUrl: string) =>
  execFileSync("prisma", args, {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
const migrationsIn = (dir: string) => new Set(readdirSync(dir).filter((entry) => !entry.endsWith(".toml")));

writePostgresSchema();

// SQLite: Prisma's own migrate dev (it names the folder, applies it, generates the client).
const before = migrationsIn(MIGRATION_DIRS.sqlite);
prisma(["migrate", "deploy", "--schema", SCHEMA_FILES.sqlite], sqliteUrl); // a fresh dev database has no history yet
process.stdout.write(prisma(["migrate", "dev", "--name", values.name, "--schema", SCHEMA_FILES.sqlite], sqliteUrl));
const created = [...migrationsIn(MIGRATION_DIRS.sqlite)].filter((entry) => !before.has(entry));
if (created.length === 0) {
  console.log("No change to migrate.");
  process.exit(0);
}

// PostgreSQL: the difference between its committed migrations and the schema, in the same folder name.
const sql = prisma(
  ["migrate", "diff", "--from-migrations", MIGRATION_DIRS.postgresql, "--to-schema-datamodel", SCHEMA_FILES.postgresql, "--script"],
  postgresUrl,
);
const folder = path.join(MIGRATION_DIRS.postgresql, created[0]!);
if (existsSync(folder)) throw new Error(`${folder} already exists`);
mkdirSync(folder);
writeFileSync(path.join(folder, "migration.sql"), sql);
prisma(["generate", "--no-hints", "--schema", SCHEMA_FILES.postgresql], postgresUrl);
console.log(`Wrote ${created[0]} for sqlite and postgresql. Commit both folders.`);
