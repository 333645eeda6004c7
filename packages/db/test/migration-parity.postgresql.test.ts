import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, expect, it } from "vitest";

import { createTestDatabase } from "../src/testing";
import { introspectPostgres, introspectSQLite, type Model } from "./introspect";

// Both migration sets, each applied to an empty database of its own kind, must
// describe the same models: one source of truth, two dialects.
const sqliteDb = await createTestDatabase("sqlite");
const postgresDb = await createTestDatabase("postgresql");
afterAll(async () => {
  await sqliteDb.drop();
  await postgresDb.drop();
});

async function postgresModel(): Promise<Model> {
  const client = new pg.Client({ connectionString: postgresDb.url });
  await client.connect();
  try {
    return await introspectPostgres(client);
  } finally {
    await client.end();
  }
}

function sqliteModel(): Model {
  const sqlite = new Database(sqliteDb.url.slice("file:".length), { readonly: true });
  try {
    return introspectSQLite(sqlite);
  } finally {
    sqlite.close();
  }
}

it("the SQLite and PostgreSQL migrations describe the same tables, columns, types, nullability, indexes and foreign keys", async () => {
  const [sqlite, postgres] = [sqliteModel(), await postgresModel()];
  expect(Object.keys(sqlite)).toEqual(["Account", "AuditLog", "FeedEvent", "Post", "RateLimit", "Session", "User", "VerificationToken"]);
  expect(sqlite.Post?.indexes.Post_createdAt_id_idx).toEqual({ columns: ["createdAt DESC", "id DESC"], unique: false });
  expect(sqlite.Session?.foreignKeys).toEqual([
    { columns: ["userId"], references: "User", to: ["id"], onDelete: "CASCADE", onUpdate: "CASCADE" },
  ]);
  expect(postgres).toEqual(sqlite);
});

it("a difference in either set is seen", async () => {
  const client = new pg.Client({ connectionString: postgresDb.url });
  await client.connect();
  try {
    await client.query(`ALTER TABLE "Post" ALTER COLUMN "content" DROP NOT NULL`);
    await client.query(`CREATE INDEX "Post_title_idx" ON "Post"("title")`);
    const drifted = await introspectPostgres(client);
    expect(drifted.Post?.columns.content).toEqual({ type: "text", nullable: true });
    expect(drifted).not.toEqual(sqliteModel());
  } finally {
    await client.end();
  }
});
