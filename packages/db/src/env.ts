import { existsSync } from "node:fs";
import path from "node:path";

import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

import { ACCEPTED_DATABASE_URLS, providerOf } from "./provider";

/**
 * The workspace root, found from the working directory. Every tool (Next in
 * apps/web, the Prisma CLI in packages/db, tests) starts somewhere inside it, so
 * resolving relative SQLite paths against it makes all of them open one file.
 */
// (The turbopackIgnore comments keep Next's file tracing from copying the whole
// repository into the server build because of these computed paths.)
export function findWorkspaceRoot(from: string = process.cwd()): string {
  let dir = path.resolve(/*turbopackIgnore: true*/ from);
  while (!existsSync(path.join(/*turbopackIgnore: true*/ dir, "pnpm-workspace.yaml"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(/*turbopackIgnore: true*/ from);
    dir = parent;
  }
  return dir;
}

export const DEFAULT_SQLITE_FILE = "packages/db/data/dev.db";

/** `file:relative.db` -> `file:/abs/relative.db`, relative to the workspace root. */
export function normalizeDatabaseUrl(url: string | undefined, root = findWorkspaceRoot()): string {
  const value = url ?? `file:${DEFAULT_SQLITE_FILE}`;
  if (!value.startsWith("file:")) return value;
  const file = value.slice("file:".length);
  if (file === ":memory:" || path.isAbsolute(file)) return value;
  return `file:${path.resolve(/*turbopackIgnore: true*/ root, file)}`;
}

/** What DATABASE_URL accepts; anything else stops the app at start, naming the variable. */
export const databaseUrlSchema = z
  .string()
  .optional()
  .transform((url) => normalizeDatabaseUrl(url))
  .refine((url) => providerOf(url) !== null, {
    message: `DATABASE_URL must be ${ACCEPTED_DATABASE_URLS}`,
  });

export const DEFAULT_POOL_MAX = 10;

/** The variables this module reads (the environment test checks .env.example and the README against them). */
export const envShape = {
  DATABASE_URL: databaseUrlSchema,
  /** PostgreSQL only: connections each app instance may hold open. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(DEFAULT_POOL_MAX),
};

export const env = createEnv({
  server: envShape,
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});

// The Prisma CLI resolves the schema's env("DATABASE_URL") itself (and without it
// falls back to downloading a native engine): hand it the same normalized value.
process.env.DATABASE_URL = env.DATABASE_URL;
