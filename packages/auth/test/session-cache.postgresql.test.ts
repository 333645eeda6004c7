import { closeDatabase } from "@gatehouse/db";
import { createListeningDb, createTestDatabase, insertSession, insertUser } from "@gatehouse/db/testing";
import type { Adapter } from "next-auth/adapters";
import { afterAll, expect, it } from "vitest";

import { announceSessionChange, createAuthOptions, getSessionFromHeaders } from "../src";

// Two instances on one PostgreSQL database, each with its own session cache: a
// change made through one is seen by the other within a second (LISTEN/NOTIFY).
const testDb = await createTestDatabase("postgresql");
// As started servers do: each hears the other's changes before its first request.
const [clientA, clientB] = await Promise.all([createListeningDb(testDb.url), createListeningDb(testDb.url)]);
afterAll(async () => {
  await Promise.all([closeDatabase(clientA), closeDatabase(clientB)]);
  await testDb.drop();
});

const cache = { ttlMs: 60_000, max: 100 };
const a = createAuthOptions({ db: clientA, sessionCache: cache });
const b = createAuthOptions({ db: clientB, sessionCache: cache });
const onB = (token: string) => getSessionFromHeaders(new Headers({ cookie: `next-auth.session-token=${token}` }), { authOptions: b });

it("a sign-out on A ends the session on B within a second", async () => {
  const token = await insertSession(testDb.db, (await insertUser(testDb.db)).id);
  expect(await onB(token)).not.toBeNull(); // now cached on B
  await (a.adapter as Required<Adapter>).deleteSession(token);
  await expect.poll(() => onB(token), { timeout: 1_000, interval: 20 }).toBeNull();
});

it("a role change announced on A is seen on B within a second", async () => {
  const user = await insertUser(testDb.db);
  const token = await insertSession(testDb.db, user.id);
  expect((await onB(token))?.user.role).toBe("USER");
  await clientA.user.update({ where: { id: user.id }, data: { role: "ADMIN" } });
  await announceSessionChange(clientA, { userId: user.id, reason: "role_changed" });
  await expect.poll(async () => (await onB(token))?.user.role, { timeout: 1_000, interval: 20 }).toBe("ADMIN");
});
