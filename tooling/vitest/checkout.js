// @ts-check
// A copy of this checkout in a temporary folder, installed from pnpm's store
// without the network, for tests that run the repository's own commands on a
// repository they may change: `pnpm gen`, `pnpm dev` as a new user runs it.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * The environment a person's shell would give a command: without what vitest set for its own workers.
 * @returns {NodeJS.ProcessEnv}
 */
export function shellEnv() {
  const env = Object.entries(process.env).filter(([name]) => !/^(VITEST|NODE_ENV$|TEST_DATABASE_PROVIDER$|__NEXT_)/.test(name));
  // No NODE_ENV, as in a shell (the type insists on one).
  return /** @type {NodeJS.ProcessEnv} */ (Object.fromEntries(env));
}

/**
 * Copies the files git knows in `root` (committed or not; untracked ones unless
 * ignored: what a clone would hold, plus work in progress) and installs them.
 * @param {string} root
 * @returns {{ dir: string; remove: () => void }}
 */
export function copyCheckout(root) {
  const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-checkout-"));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" })
    .split("\0")
    .filter((file) => file && existsSync(path.join(root, file)));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(root, file), path.join(dir, file));
  }
  execFileSync("pnpm", ["install", "--offline", "--frozen-lockfile"], { cwd: dir, env: shellEnv(), stdio: "pipe" });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
