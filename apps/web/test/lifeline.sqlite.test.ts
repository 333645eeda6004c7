import { spawn } from "node:child_process";
import { once } from "node:events";

import { createTestDatabase } from "@gatehouse/db/testing";
import { afterAll, describe, expect, it, vi } from "vitest";

const testDb = await createTestDatabase();
afterAll(() => testDb.drop());

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("a server the tests start", () => {
  it("does not outlive the process that started it, even one killed with -9", async () => {
    const owner = spawn(process.execPath, ["--import", "tsx", new URL("./harness/server-owner.ts", import.meta.url).pathname], {
      env: { ...process.env, DATABASE_URL: testDb.url },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const [firstChunk] = (await once(owner.stdout, "data")) as [Buffer];
    const pid = Number(firstChunk.toString().trim());
    try {
      expect(isRunning(pid)).toBe(true);
      owner.kill("SIGKILL");
      await vi.waitFor(() => expect(isRunning(pid)).toBe(false), { timeout: 20_000, interval: 100 });
    } finally {
      // Whatever the verdict, this test leaves no server behind either.
      if (isRunning(pid)) process.kill(-pid, "SIGKILL");
    }
  });
});
