import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

export interface MemoryReading {
  /** Resident set size, bytes (/proc/<pid>/status VmRSS). */
  rss: number;
  /** V8 heap in use after a full collection, bytes. */
  heapUsed: number;
}

/** Node flags that let the server be measured: see memory-probe.mjs. */
export const MEMORY_PROBE_ARGS = ["--expose-gc", `--import=${new URL("./memory-probe.mjs", import.meta.url).href}`];

/** The server's memory, taken by the probe inside it (after a full GC) and from /proc. */
export class ServerMemory {
  #readings = 0;

  constructor(
    private readonly pid: number,
    private readonly file: string,
  ) {}

  async read(): Promise<MemoryReading> {
    const reading = ++this.#readings;
    process.kill(this.pid, "SIGUSR2");
    const deadline = Date.now() + 10_000;
    for (;;) {
      const probe = this.#probe();
      if (probe?.reading === reading) return { rss: residentBytes(this.pid), heapUsed: probe.heapUsed };
      if (Date.now() > deadline) throw new Error("the server's memory probe did not answer (started without MEMORY_PROBE_ARGS?)");
      await sleep(20);
    }
  }

  #probe(): { reading: number; heapUsed: number } | null {
    try {
      // Absent before the first reading; half-written while the probe writes it.
      return JSON.parse(readFileSync(this.file, "utf8")) as { reading: number; heapUsed: number };
    } catch {
      return null;
    }
  }
}

function residentBytes(pid: number): number {
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  if (!kib) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib) * 1024;
}
