import { randomBytes } from "node:crypto";
import { linkSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

import { findWorkspaceRoot } from "@gatehouse/db/env";

import { env } from "./env";

/** Where a checkout keeps its development secret, at the workspace root (git-ignored). */
export const DEVELOPMENT_SECRET_FILE = ".nextauth-dev-secret";

/**
 * This checkout's development secret: made at first use, then read from
 * DEVELOPMENT_SECRET_FILE, so it survives restarts and differs between checkouts.
 */
export function developmentSecret(root: string = findWorkspaceRoot()): string {
  const file = path.join(/*turbopackIgnore: true*/ root, DEVELOPMENT_SECRET_FILE);
  const existing = readIfPresent(file);
  if (existing !== null) return existing;
  // Several processes may get here at once (next dev's workers, parallel tests): each writes its own
  // candidate, and linking it into place succeeds for one only, so every process ends up with the same.
  const candidate = `${file}.${process.pid}.${randomBytes(6).toString("hex")}`;
  writeFileSync(candidate, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600 });
  try {
    linkSync(candidate, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(candidate);
  }
  return readIfPresent(file) ?? developmentSecret(root);
}

function readIfPresent(file: string): string | null {
  try {
    const secret = readFileSync(file, "utf8").trim();
    if (secret.length < 32) throw new Error(`${file} holds no usable secret: delete it, and a new one is made`);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

// One secret for next-auth and for the CSRF cookie the proxy issues for server-rendered forms, which
// next-auth checks with its own: without NEXTAUTH_SECRET, next-auth would derive one nobody else can
// reproduce (and warn NO_SECRET). Production requires the variable (env.ts); `next build` runs with
// NODE_ENV=production and none, and must not write a development secret: it has no use for one.
export const authSecret: string | undefined = env.NEXTAUTH_SECRET ?? (env.NODE_ENV === "production" ? undefined : developmentSecret());
