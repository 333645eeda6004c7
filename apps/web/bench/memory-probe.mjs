// pnpm bench only, never part of the app: loaded into the benchmark's server with
// `--import` (and `--expose-gc`). On SIGUSR2 it collects all garbage, then writes
// the heap in use to BENCH_MEMORY_FILE, so that "memory per open stream" counts
// what the streams hold, not garbage that has not been collected yet.
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_MEMORY_FILE;
let readings = 0;
if (file && typeof globalThis.gc === "function") {
  const gc = globalThis.gc;
  process.on("SIGUSR2", () => {
    gc();
    writeFileSync(file, JSON.stringify({ reading: ++readings, heapUsed: process.memoryUsage().heapUsed }));
  });
}
