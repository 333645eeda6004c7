import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

import { afterAll, expect, it } from "vitest";

import { MIGRATION_DIRS, SCHEMA_FILES } from "../src/prisma-files";
import { createTestDatabase, testProvider } from "../src/testing";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
// The CLI's shadow database goes where DATABASE_URL points (a new database on the PostgreSQL server).
const testDb = await createTestDatabase();
afterAll(() => testDb.drop());

it(`the committed ${testProvider} migrations produce exactly the schema (no forgotten migration)`, () => {
  const result = spawnSync(
    "pnpm",
    [
      "exec",
      "prisma",
      "migrate",
      "diff",
      "--from-migrations",
      MIGRATION_DIRS[testProvider],
      "--to-schema-datamodel",
      SCHEMA_FILES[testProvider],
      "--exit-code",
    ],
    { cwd: PACKAGE_DIR, env: { ...process.env, DATABASE_URL: testDb.url }, encoding: "utf8" },
  );
  expect(result.stdout + result.stderr).not.toMatch(/error/i);
  expect(result.stdout).toContain("No difference detected");
  expect(result.status).toBe(0);
});
