import { hashSessionToken } from "@gatehouse/db";
import { createTestDatabase, insertSession, insertUser, testProvider } from "@gatehouse/db/testing";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

import { sessionWatchFor, type SessionNews } from "../src/streams/session-watch";

// What ends a stream at its session's expiry, on a real database, with the clock in the test's hands.
const testDb = await createTestDatabase();
afterAll(() => testDb.drop());
afterEach(() => vi.useRealTimers());

describe(`the session watch (${testProvider})`, () => {
  it("ends a session's streams at its expiry, even when the timer fires before Date.now() gets there", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const user = await insertUser(testDb.db);
    const expires = new Date(Date.now() + 1_000);
    const token = await insertSession(testDb.db, user.id, expires);
    const news: SessionNews[] = [];
    const watched = { userId: user.id, tokenHash: hashSessionToken(token), role: user.role, expires };
    sessionWatchFor(testDb.db).watch(watched, (item) => news.push(item));
    // Node runs a timer by its event loop's clock, which can be a few milliseconds ahead of Date.now()
    // (a loop iteration's time is taken once, at its start): here, 5.
    vi.setSystemTime(Date.now() - 5);
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(news).toEqual([{ type: "signed_out", reason: "expired" }]), { timeout: 1_000, interval: 10 });
  });
});
