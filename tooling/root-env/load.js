// @ts-check
// Imported first by every entry point a person starts (pnpm dev, pnpm start,
// the Prisma CLI, the database scripts): loads the repository root's .env files
// with Next's own loader, in Next's order: .env.$mode.local, .env.local (not in
// tests), .env.$mode, .env, where the mode is development, production
// (NODE_ENV=production) or test (NODE_ENV=test). Variables already set win.
//
// Why: Next reads .env only from the app's folder (apps/web), and the Prisma CLI
// and scripts read none.
//
// @next/env loads nothing when __NEXT_PROCESSED_ENV is set (Next's mark for
// "already loaded", which its child processes inherit). The test harness sets
// it, so the servers tests start see exactly the environment they are given.
import { existsSync } from "node:fs";
import path from "node:path";

import nextEnv from "@next/env";

import { setEnv } from "./index.js";

/** The workspace root, found from the working directory (every tool starts inside it). */
function workspaceRoot() {
  let dir = process.cwd();
  while (!existsSync(path.join(dir, "pnpm-workspace.yaml"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

const { parsedEnv, loadedEnvFiles } = nextEnv.loadEnvConfig(workspaceRoot(), process.env.NODE_ENV !== "production", {
  info: () => {},
  error: console.error,
});
if (parsedEnv) {
  // What the files added, for the processes Next starts too (see setEnv).
  setEnv(/** @type {Record<string, string>} */ (parsedEnv));
  console.log(`- Environments: ${loadedEnvFiles.map((file) => file.path).join(", ")} (repository root)`);
}
