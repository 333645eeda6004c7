import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

// For tests that stop and start PostgreSQL under a running app: a private
// server of Debian's PostgreSQL 15, so the shared one (TEST_DATABASE_URL) keeps
// serving every other test file meanwhile.
const BIN = "/usr/lib/postgresql/15/bin";
const SUPERUSER = "gatehouse";

export interface PrivatePostgres {
  /** A superuser URL on the `postgres` database: a server URL for createTestDatabase. */
  url: string;
  /** Fast shutdown, as an operator's `pg_ctlcluster 15 main stop` does: connections are cut. No-op when stopped. */
  stop: () => void;
  /** On the same port, with the same data. No-op when running. */
  start: () => void;
  /** Stops the server and deletes its files. */
  destroy: () => void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-pg-"));
  const data = path.join(dir, "data");
  // PostgreSQL refuses to run as root: as root, run it as the postgres user.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
    chownSync(dir, uid, gid);
  }
  const run = (bin: string, args: string[]) =>
    execFileSync(asRoot ? "runuser" : path.join(BIN, bin), asRoot ? ["-u", "postgres", "--", path.join(BIN, bin), ...args] : args, {
      stdio: "pipe",
    });
  run("initdb", ["-D", data, "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  let running = false;
  const start = () => {
    if (running) return;
    run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "start"]);
    running = true;
  };
  const stop = () => {
    if (!running) return;
    run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
    running = false;
  };
  start();
  return {
    url: `postgresql://${SUPERUSER}@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy: () => {
      stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
