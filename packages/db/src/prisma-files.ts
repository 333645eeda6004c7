import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { Provider } from "./provider";

// Where each provider's schema and migrations live. Used by the Prisma CLI
// config, the scripts and the tests; never by the running app.
const PRISMA_DIR = fileURLToPath(new URL("../prisma/", import.meta.url));

/** The models, written once: this file is the one anyone edits. */
export const SOURCE_SCHEMA = path.join(PRISMA_DIR, "schema.prisma");

export const SCHEMA_FILES: Record<Provider, string> = {
  sqlite: SOURCE_SCHEMA,
  // Generated from the source by writePostgresSchema() (git-ignored).
  postgresql: path.join(PRISMA_DIR, "postgresql", "schema.prisma"),
};

export const MIGRATION_DIRS: Record<Provider, string> = {
  sqlite: path.join(PRISMA_DIR, "migrations", "sqlite"),
  postgresql: path.join(PRISMA_DIR, "migrations", "postgresql"),
};

const GENERATED_NOTICE = `// GENERATED from ../schema.prisma by \`pnpm db:generate\`: do not edit, edit that file.
`;

/**
 * The PostgreSQL schema is the SQLite one with the other provider and its own
 * client output; the models are the same text, so they cannot drift apart.
 */
export function postgresSchemaFrom(source: string): string {
  const swap = (text: string, from: RegExp, to: string) => {
    if (!from.test(text)) throw new Error(`schema.prisma no longer matches ${from}; update prisma-files.ts`);
    return text.replace(from, to);
  };
  let schema = swap(source, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"');
  schema = swap(schema, /output\s*=\s*"\.\.\/src\/generated\/sqlite"/, 'output     = "../../src/generated/postgresql"');
  return GENERATED_NOTICE + schema;
}

export function writePostgresSchema(): void {
  const target = SCHEMA_FILES.postgresql;
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, postgresSchemaFrom(readFileSync(SOURCE_SCHEMA, "utf8")));
}
