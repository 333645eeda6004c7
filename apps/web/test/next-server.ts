import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { cacheSettings } from "./server-env";

const WEB_DIR = fileURLToPath(new URL("..", import.meta.url));

export const TEST_SECRET = "gatehouse-test-secret-0123456789abcdef";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface NextServer {
  url: string;
  /** Everything the server printed, across restarts. */
  output: () => string;
  /** The server process's id (it changes on restart); pnpm bench reads its memory. */
  pid: () => number;
  /** SIGTERM, then the exit code. */
  stop: () => Promise<number | null>;
  /** kill -9: no shutdown of any kind, as a crash. */
  kill: () => Promise<void>;
  /** Starts it again on the same port with the same environment, once it has stopped. */
  restart: () => Promise<void>;
}

/**
 * What `pnpm start` runs after `node` (its Node flags included), read from the
 * script itself: a test server is the production server. (Not through pnpm,
 * which would stand between SIGTERM and the server and report the signal, not
 * the server's exit code.)
 */
function startArgs(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(WEB_DIR, "package.json"), "utf8")) as { scripts: { start: string } };
  const args = scripts.start.split(/\s+/);
  return args.slice(args.indexOf("node") + 1);
}

/** A server a test starts shuts down when the test process ends, however it ends (test/server-lifeline.mjs). */
const LIFELINE_ARG = `--import=${new URL("./server-lifeline.mjs", import.meta.url).href}`;

/**
 * Runs the production build (`pnpm build` first) in our server (server/index.mjs), as
 * `pnpm start` runs it, with exactly the given environment on top of PATH, HOME
 * and the run's cache settings (server-env.ts), and the lifeline and `nodeArgs`
 * before the script's own.
 */
export function spawnNext(port: number, env: Record<string, string>, nodeArgs: string[] = []) {
  // A server under load logs a line per request: keep the start and the most recent part.
  let head = "";
  let tail = "";
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    if (head.length < 64 * 1024) head += text;
    else tail = (tail + text).slice(-512 * 1024);
  };
  const child = spawn(process.execPath, [LIFELINE_ARG, ...nodeArgs, ...startArgs()], {
    cwd: WEB_DIR,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NEXT_TELEMETRY_DISABLED: "1",
      // Next's own mark for "the .env files are loaded" (@next/env, which @gatehouse/root-env also uses):
      // a server a test starts sees exactly this environment, never the developer's .env.
      __NEXT_PROCESSED_ENV: "true",
      NODE_ENV: "production",
      HOSTNAME: "127.0.0.1",
      PORT: String(port),
      ...cacheSettings,
      ...env,
    },
    // stdin: the lifeline, which closes when this process ends.
    stdio: ["pipe", "pipe", "pipe"],
    // Its own process group: whatever it starts stops with it.
    detached: true,
  });
  // Never written to; it must not keep this process alive either.
  (child.stdin as unknown as { unref: () => void }).unref();
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, output: () => head + tail };
}

/**
 * SIGTERM to the server's process group, then its exit code. A server that has
 * not exited after 15 s (stuck, or ignoring the signal) is killed, so no test
 * ever leaves a process behind to load the machine.
 */
export async function stopProcessGroup(server: ReturnType<typeof spawnNext>): Promise<number | null> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.child.exitCode;
  process.kill(-server.child.pid!, "SIGTERM");
  const killer = setTimeout(() => process.kill(-server.child.pid!, "SIGKILL"), 15_000);
  try {
    return await server.exited;
  } finally {
    clearTimeout(killer);
  }
}

/** The server exited because another process took its port after freePort() found it free. */
class PortTakenError extends Error {}

/**
 * Starts the app on a free port and waits until it answers; `kill` and `restart` keep that port. A port
 * taken meanwhile (freePort() lets it go before the server, which opens it only once its start is over,
 * listens) is given up for another: any connection the machine opens may be handed it.
 */
export async function startNextServer(env: Record<string, string>, nodeArgs: string[] = []): Promise<NextServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startNextServerOn(await freePort(), env, nodeArgs);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt === 3) throw error;
    }
  }
}

async function startNextServerOn(port: number, env: Record<string, string>, nodeArgs: string[]): Promise<NextServer> {
  const url = `http://127.0.0.1:${port}`;
  const fullEnv = { NEXTAUTH_URL: url, NEXTAUTH_SECRET: TEST_SECRET, ...env };
  let previousOutput = "";
  let server = await spawnUntilReady(port, fullEnv, nodeArgs);
  return {
    url,
    output: () => previousOutput + server.output(),
    pid: () => server.child.pid!,
    stop: () => stopProcessGroup(server),
    kill: async () => {
      process.kill(-server.child.pid!, "SIGKILL");
      await server.exited;
    },
    restart: async () => {
      previousOutput += server.output();
      server = await spawnUntilReady(port, fullEnv, nodeArgs);
    },
  };
}

/** Spawns the app and waits until next-auth answers. */
async function spawnUntilReady(port: number, env: Record<string, string>, nodeArgs: string[]) {
  const url = `http://127.0.0.1:${port}`;
  const server = spawnNext(port, env, nodeArgs);
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exitCode !== undefined) {
      const message = `the server exited with ${exitCode}:\n${server.output()}`;
      throw server.output().includes("EADDRINUSE") ? new PortTakenError(message) : new Error(message);
    }
    if (Date.now() > deadline) {
      await stopProcessGroup(server);
      throw new Error(`the server did not answer in time:\n${server.output()}`);
    }
    const ok = await fetch(`${url}/api/auth/csrf`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return server;
    await new Promise((r) => setTimeout(r, 200));
  }
}
