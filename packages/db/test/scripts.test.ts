import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, describe, expect, it, onTestFinished } from "vitest";

import { createTestDatabase } from "../src/testing";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const testDb = await createTestDatabase();
afterAll(() => testDb.drop());

function runOn(databaseUrl: string, script: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", `src/scripts/${script}.ts`, ...args], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  return { code: result.status, out: result.stdout + result.stderr };
}
const run = (script: string, ...args: string[]) => runOn(testDb.url, script, ...args);

describe("pnpm db:migrate", () => {
  it("migrates a new database, and passes on no warning a person cannot act on", () => {
    // A new SQLite file: the test database was made without migrations (src/testing.ts). The warning is the
    // same on both providers.
    const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-migrate-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const { code, out } = runOn(`file:${path.join(dir, "new.db")}`, "migrate");
    expect(code, out).toBe(0);
    expect(out).toContain("All migrations have been successfully applied.");
    // Prisma's "datasource properties ... Driver Adapter" warning (src/prisma-cli-output.ts).
    expect(out).not.toContain("WARNING");
  });
});

describe("pnpm db:seed", () => {
  it("seeds users and posts, and a second run adds nothing", async () => {
    expect(run("seed").code).toBe(0);
    const counts = { users: await testDb.db.user.count(), posts: await testDb.db.post.count() };
    expect(counts.users).toBeGreaterThan(0);
    expect(counts.posts).toBeGreaterThan(counts.users);
    expect(run("seed").code).toBe(0);
    expect({ users: await testDb.db.user.count(), posts: await testDb.db.post.count() }).toEqual(counts);
  });
});

describe("pnpm admin:grant", () => {
  it("fails with a clear message for an unknown email and changes nothing", async () => {
    const { code, out } = run("grant-admin", "nobody@example.com");
    expect(code).toBe(1);
    expect(out).toContain("No user with email nobody@example.com");
    expect(await testDb.db.user.count({ where: { role: "ADMIN" } })).toBe(0);
  });

  it("fails with usage when no email is given", () => {
    const { code, out } = run("grant-admin");
    expect(code).toBe(2);
    expect(out).toContain("Usage");
  });

  it("makes an existing user ADMIN", async () => {
    const user = await testDb.db.user.create({ data: { email: "promote@example.com" } });
    expect(run("grant-admin", "promote@example.com").code).toBe(0);
    expect((await testDb.db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("ADMIN");
  });
});
