import { spawn } from "node:child_process";
import { once } from "node:events";

import { describe, expect, it } from "vitest";

// The production server's logger (server/logger.mjs), in a process of its own: what it writes, and that the
// process can still exit when nothing reads its output any more.
const LOGGER = new URL("../server/logger.mjs", import.meta.url).href;
const LOG_THEN_EXIT = `
  const { createLogger } = await import(${JSON.stringify(LOGGER)});
  const logger = createLogger("info");
  setTimeout(() => {
    for (const line of ["one", "two", "three"]) logger.info(line);
    process.exit(0);
  }, 300);
`;

const logThenExit = () => spawn(process.execPath, ["--input-type=module", "-e", LOG_THEN_EXIT], { stdio: ["ignore", "pipe", "pipe"] });

/** The exit code and signal, or "still running" after 10 s (then it is killed). */
async function exitOf(child: ReturnType<typeof logThenExit>) {
  const timeout = new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), 10_000).unref());
  const result = await Promise.race([once(child, "exit"), timeout]);
  if (result === "still running") child.kill("SIGKILL");
  return result;
}

describe("the server's logger", () => {
  it("has written every line, in order, when the process exits", async () => {
    const child = logThenExit();
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    expect(await exitOf(child)).toEqual([0, null]);
    const lines = output
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { msg: string; level: number; time: string });
    expect(lines.map((line) => line.msg)).toEqual(["one", "two", "three"]);
    expect(lines[0]).toMatchObject({ level: 30, time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown });
  });

  it("lets the process exit when whatever read its output has gone", async () => {
    const child = logThenExit();
    child.stdout.destroy();
    child.stderr.destroy();
    expect(await exitOf(child)).toEqual([0, null]);
  });
});
