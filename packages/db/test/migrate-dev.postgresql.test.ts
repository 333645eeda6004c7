import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";

import { dropPostgresDatabase, testPostgresUrl, withClient } from "../src/testing";
import { introspectPostgres, introspectSQLite } from "./introspect";

// The whole `migrate:dev` round, in a copy of this package: one edit of the
// source schema gives one migration per provider, and the two sets still agree.
const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const copy = mkdtempSync(path.join(tmpdir(), "gatehouse-migrate-dev-"));
const server = new URL(testPostgresUrl());
const database = `${server.pathname.slice(1)}_migrate_dev`;

afterAll(async () => {
  rmSync(copy, { recursive: true, force: true });
  await dropPostgresDatabase(server.href, database);
});

const migrations = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

it("writes one migration for each provider from one edit of schema.prisma", async () => {
  cpSync(PACKAGE_DIR, copy, {
    recursive: true,
    filter: (source) => !/\/(node_modules|data|generated|postgresql\/schema\.prisma)$/.test(source),
  });
  symlinkSync(path.join(PACKAGE_DIR, "node_modules"), path.join(copy, "node_modules"));
  const schema = path.join(copy, "prisma", "schema.prisma");
  writeFileSync(
    schema,
    readFileSync(schema, "utf8").replace("  image         String?\n", "  image         String?\n  bio           String?\n"),
  );

  // As `pnpm migrate:dev` runs it: tsx, and this package's bin folder (prisma) on the PATH.
  execFileSync(process.execPath, ["--import", "tsx", "src/scripts/migrate-dev.ts", "--name", "add_bio"], {
    cwd: copy,
    env: {
      ...process.env,
      PATH: `${path.join(PACKAGE_DIR, "node_modules", ".bin")}:${process.env.PATH}`,
      DATABASE_URL: `file:${path.join(copy, "data", "dev.db")}`,
      TEST_DATABASE_URL: server.href,
    },
    stdio: "pipe",
  });

  const dirs = {
    sqlite: path.join(copy, "prisma", "migrations", "sqlite"),
    postgresql: path.join(copy, "prisma", "migrations", "postgresql"),
  };
  const added = migrations(dirs.sqlite).at(-1)!;
  expect(added).toMatch(/_add_bio$/);
  expect(migrations(dirs.postgresql)).toEqual(migrations(dirs.sqlite));
  const sqliteSql = readFileSync(path.join(dirs.sqlite, added, "migration.sql"), "utf8");
  const postgresSql = readFileSync(path.join(dirs.postgresql, added, "migration.sql"), "utf8");
  expect(sqliteSql).toContain('ADD COLUMN "bio" TEXT');
  expect(postgresSql).toContain('ADD COLUMN     "bio" TEXT');
  expect(postgresSql).not.toContain("Loaded Prisma config");

  // Both sets, applied to empty databases, describe the same models, bio included.
  const sqlite = new Database(":memory:");
  for (const name of migrations(dirs.sqlite)) sqlite.exec(readFileSync(path.join(dirs.sqlite, name, "migration.sql"), "utf8"));
  const target = new URL(server);
  target.pathname = `/${database}`;
  await withClient(server.href, (admin) => admin.query(`CREATE DATABASE "${database}"`));
  try {
    await withClient(target.href, async (client) => {
      for (const name of migrations(dirs.postgresql))
        await client.query(readFileSync(path.join(dirs.postgresql, name, "migration.sql"), "utf8"));
      const model = introspectSQLite(sqlite);
      expect(model.User?.columns.bio).toEqual({ type: "text", nullable: true });
      expect(await introspectPostgres(client)).toEqual(model);
    });
  } finally {
    sqlite.close();
  }
  // Two Prisma CLI runs (migrate dev per provider) in a fresh copy: slow on a loaded machine.
}, 120_000);
