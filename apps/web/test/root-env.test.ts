import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

// The root .env loader every entry point imports first (tooling/root-env/load.js), in a
// workspace of its own: found from a package folder, in Next's order, the shell winning.
const LOADER = createRequire(import.meta.url).resolve("@gatehouse/root-env/load");
const root = mkdtempSync(path.join(tmpdir(), "gatehouse-root-env-"));
const packageDir = path.join(root, "apps", "web");
mkdirSync(packageDir, { recursive: true });
writeFileSync(path.join(root, "pnpm-workspace.yaml"), "packages: []\n");
writeFileSync(path.join(root, ".env"), "FROM_ENV=root\nOVERRIDDEN=root\nLOCAL_WINS=root\n");
writeFileSync(path.join(root, ".env.local"), "LOCAL_WINS=local\n");
writeFileSync(path.join(root, ".env.production"), "PRODUCTION_ONLY=yes\n");
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** What a process started in apps/web sees after importing the loader. */
function seen(env: Record<string, string>): Record<string, string | undefined> {
  // The answer goes to stderr: the loader names the files it loaded on stdout.
  const script = `await import(${JSON.stringify(LOADER)}); const { FROM_ENV, OVERRIDDEN, LOCAL_WINS, PRODUCTION_ONLY } = process.env;
console.error(JSON.stringify({ FROM_ENV, OVERRIDDEN, LOCAL_WINS, PRODUCTION_ONLY }));`;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: packageDir,
    env: { PATH: process.env.PATH, NODE_ENV: "development", ...env },
    encoding: "utf8",
  });
  if (child.status !== 0) throw new Error(`the loader failed: ${child.stderr}`);
  return JSON.parse(child.stderr) as Record<string, string | undefined>;
}

describe("the root .env loader", () => {
  it("loads the workspace root's .env files from a package folder, .env.local over .env, the shell over both", () => {
    expect(seen({ OVERRIDDEN: "shell" })).toEqual({ FROM_ENV: "root", OVERRIDDEN: "shell", LOCAL_WINS: "local" });
  });

  it("reads .env.production only under NODE_ENV=production", () => {
    expect(seen({ NODE_ENV: "production" }).PRODUCTION_ONLY).toBe("yes");
  });

  it("loads nothing when Next's mark says the environment is loaded (the test harness sets it)", () => {
    expect(seen({ __NEXT_PROCESSED_ENV: "true" })).toEqual({});
  });
});
