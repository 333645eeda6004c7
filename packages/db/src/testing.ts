import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import Database from "better-sqlite3";

import { createDb, type Db } from "./client";
import type { Role } from "./generated/prisma/enums";

const MIGRATIONS_DIR = fileURLToPath(new URL("../prisma/migrations", import.meta.url));

/** Applies the committed migrations, in order, to a SQLite file (created, with its folder, if missing). */
export function applyMigrations(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  try {
    for (const dir of readdirSync(MIGRATIONS_DIR, { withFileTypes: true })) {
      if (!dir.isDirectory()) continue;
      sqlite.exec(readFileSync(path.join(MIGRATIONS_DIR, dir.name, "migration.sql"), "utf8"));
    }
  } finally {
    sqlite.close();
  }
}

export interface TestDatabase {
  url: string;
  db: Db;
  /** Disconnects and deletes the file. */
  drop: () => Promise<void>;
}

/** A fresh, migrated SQLite file of its own: one per test file keeps tests independent. */
export function createTestDatabase(): TestDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-test-"));
  const file = path.join(dir, "test.db");
  applyMigrations(file);
  const url = `file:${file}`;
  const db = createDb(url);
  return {
    url,
    db,
    drop: async () => {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let seq = 0;

/** A user row, as next-auth's adapter would create it on first sign-in. */
export function insertUser(db: Db, data: { name?: string; email?: string; role?: Role } = {}) {
  seq += 1;
  return db.user.create({
    data: { name: data.name ?? `User ${seq}`, email: data.email ?? `user${seq}-${Date.now()}@example.test`, role: data.role },
  });
}

/** A database session for the user, as next-auth stores one after sign-in; returns its cookie value. */
export async function insertSession(db: Db, userId: string, expires = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000)) {
  const sessionToken = crypto.randomUUID();
  await db.session.create({ data: { sessionToken, userId, expires } });
  return sessionToken;
}
