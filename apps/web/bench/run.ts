// pnpm bench: the production build under load on 127.0.0.1, every scenario
// against the plain route handler in the same rounds. See the README's
// "Performance" section for what it measures and what the numbers mean.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { startNextServer } from "../test/next-server";
import { cacheSettings } from "../test/server-env";
import { benchEnv } from "./env";
import { firstLoadJsGzip } from "../test/harness/first-load";
import { measure, median, type Sample } from "./measure";
import { scenarios, type Scenario } from "./scenarios";
import { POSTS, seedBenchDatabase } from "./seed";
import { MEMORY_PROBE_ARGS, ServerMemory } from "./server-memory";
import {
  STREAM_LIMIT_PER_IP,
  STREAMS,
  SUBSCRIPTIONS_NAME,
  SubscriptionsBench,
  WARMUP_STREAMS,
  type SubscriptionsRound,
} from "./subscriptions";
import { renderSubscriptions } from "./subscriptions-report";

const { values: options } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    duration: { type: "string", default: "5" },
    warmup: { type: "string", default: "3" },
    /** Only the scenarios whose name contains this (the plain route always runs); "subscriptions" for that benchmark. */
    only: { type: "string" },
    /** CPU profiles of the server (node --cpu-prof) and its event-loop delay, in bench-results/profiles/. */
    profile: { type: "boolean", default: false },
  },
});
const ROUNDS = Number(options.rounds);
const SECONDS = Number(options.duration);
const WARMUP = Number(options.warmup);

const RESULTS_DIR = fileURLToPath(new URL("../../../bench-results/", import.meta.url));
const postgresUrl = benchEnv.DATABASE_URL?.startsWith("postgres") ? benchEnv.DATABASE_URL : undefined;
const provider = postgresUrl ? "postgresql" : "sqlite";

// The caches' settings the server inherits from this run, when it sets them (the report names them).
const cachesNote =
  Object.entries(cacheSettings)
    .map(([name, value]) => `${name}=${value}`)
    .join(", ") || "the server's defaults";

const started = Date.now();
// The machine may be shared: its load, at the start and at the end, says how far to trust the figures.
const loadAtStart = os.loadavg()[0]!;
const log = (message: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${message}`);

log(`seeding ${POSTS.toLocaleString("en")} posts on ${provider}`);
const data = await seedBenchDatabase(postgresUrl);
const PROFILES_DIR = path.join(RESULTS_DIR, "profiles", new Date().toISOString().replaceAll(":", "-"));
// Where the server's memory probe (memory-probe.mjs) writes its readings.
const memoryDir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-bench-"));
const memoryFile = path.join(memoryDir, "memory.json");
const server = await startNextServer(
  {
    DATABASE_URL: data.database.url,
    EVENT_LOOP_REPORT: options.profile ? "1" : "0",
    // The per-user create limit is lifted: the post.create scenario measures writes, not the limiter (which would answer 429).
    RATE_LIMIT_POST_CREATE_PER_USER: "1000000/60",
    STREAM_LIMIT_PER_IP: String(STREAM_LIMIT_PER_IP),
    BENCH_MEMORY_FILE: memoryFile,
  },
  [...MEMORY_PROBE_ARGS, ...(options.profile ? ["--cpu-prof", `--cpu-prof-dir=${PROFILES_DIR}`] : [])],
);
try {
  const all = scenarios(data);
  const chosen = all.filter((s, i) => i === 0 || !options.only || s.name.includes(options.only));
  const [plain] = chosen as [Scenario, ...Scenario[]];
  const withSubscriptions = !options.only || SUBSCRIPTIONS_NAME.includes(options.only);

  log("warm-up");
  for (const scenario of chosen) await measure(server.url, scenario, WARMUP);

  // Alternating: every round runs every scenario once, so drift on a shared machine hits all alike.
  const samples = new Map<Scenario, Sample[]>(chosen.map((s) => [s, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    log(`round ${round} of ${ROUNDS}`);
    for (const scenario of chosen) samples.get(scenario)!.push(await measure(server.url, scenario, SECONDS));
  }

  // The public feed and the plain route, measured again around the streams.
  const throughput = all.filter((s) => s === all[0] || s.name.includes("`post.list` first page"));
  const subscriptions = withSubscriptions ? await benchSubscriptions(server.url, server.pid(), data.creatorCookies[0]!, throughput) : null;

  const js = await firstLoadJsGzip(`${server.url}/`);
  const report = renderReport(chosen, samples, plain, js) + (subscriptions ? `\n${renderSubscriptions(subscriptions, throughput)}` : "");
  mkdirSync(RESULTS_DIR, { recursive: true });
  // A partial or profiled run never replaces the full table.
  const file = path.join(RESULTS_DIR, options.only || options.profile ? `${provider}-partial.md` : `${provider}.md`);
  writeFileSync(file, report);
  console.log(`\n${report}`);
  log(`written to ${path.relative(process.cwd(), file)}`);
} finally {
  await server.stop();
  await data.database.drop();
  rmSync(memoryDir, { recursive: true, force: true });
}
if (options.profile) {
  console.log(server.output().match(/event-loop delay.*/)?.[0] ?? "no event-loop report");
  log(`CPU profiles (open in Chrome DevTools or speedscope) in ${path.relative(process.cwd(), PROFILES_DIR)}`);
}

/** A warm-up round with a few streams, then the measured rounds. */
async function benchSubscriptions(url: string, pid: number, creatorCookie: string, throughput: Scenario[]): Promise<SubscriptionsRound[]> {
  const subscriptionsStarted = Date.now();
  const bench = new SubscriptionsBench({ url, creatorCookie, memory: new ServerMemory(pid, memoryFile), throughput });
  try {
    log(`subscriptions: warm-up with ${WARMUP_STREAMS} streams`);
    await bench.warmUp(WARMUP, WARMUP_STREAMS);
    const rounds: SubscriptionsRound[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      log(`subscriptions: round ${round} of ${ROUNDS}, ${STREAMS.toLocaleString("en")} streams`);
      rounds.push(await bench.round(SECONDS));
    }
    log(`subscriptions: done in ${((Date.now() - subscriptionsStarted) / 1000).toFixed(0)} s`);
    return rounds;
  } finally {
    await bench.close();
  }
}

function renderReport(chosen: Scenario[], samples: Map<Scenario, Sample[]>, plain: Scenario, js: { bytes: number; files: number }): string {
  const plainSamples = samples.get(plain)!;
  // Ratios are taken round by round (same minutes of the machine), then the median of those.
  const ratio = (of: Sample[], pick: (s: Sample) => number, base: Sample[] = plainSamples) =>
    median(of.map((s, i) => pick(s) / pick(base[i]!)));
  const fmt = (n: number, digits = 0) => n.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const rows = chosen.map((scenario) => {
    const s = samples.get(scenario)!;
    const p99Ratio = ratio(s, (x) => x.p99);
    return `| ${scenario.name}${scenario.connections ? ` (${scenario.connections} connections)` : ""} | ${fmt(median(s.map((x) => x.rps)))} | ${fmt(median(s.map((x) => x.p50)), 1)} | ${fmt(median(s.map((x) => x.p99)), 1)} | ${fmt(median(s.map((x) => x.firstAnswerMax)))} | ${s.reduce((n, x) => n + x.non2xx, 0)} | ${s.reduce((n, x) => n + x.errors, 0)} | ${fmt(
      ratio(s, (x) => x.rps),
      2,
    )} | ${fmt(p99Ratio, 1)}${scenario.api ? "" : " (not an API target)"} |`;
  });
  const first = chosen.find((s) => s.name.includes("first page"));
  const versusFirst = (part: string) => {
    const other = chosen.find((s) => s.name.includes(part));
    return first && other
      ? fmt(
          ratio(samples.get(other)!, (x) => x.rps, samples.get(first)),
          2,
        )
      : "n/a";
  };
  return `# pnpm bench on ${provider}

${new Date().toISOString()} · Node ${process.version} · ${os.cpus().length} cores · ${POSTS.toLocaleString("en")} posts ·
${ROUNDS} rounds of ${SECONDS} s per scenario after ${WARMUP} s of warm-up · 50 connections unless noted ·
load average (1 min) ${fmt(loadAtStart, 1)} at the start, ${fmt(os.loadavg()[0]!, 1)} at the end ·
caches: ${cachesNote} ·
medians of the rounds; ratios to the plain route are taken round by round, then their median.
p50 and p99 are read on open connections; "first answer" is the slowest first answer on a new connection,
which also waits for the server to accept it (one connection per event-loop turn: bench/connection-latencies.ts).

| scenario | req/s | p50 ms | p99 ms | first answer, max ms | non-2xx | errors | req/s ratio | p99 ratio |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join("\n")}

Against the first page (req/s, round by round): the deep page ${versusFirst("deep page")}, after a random post ${versusFirst("random post")}.

Home page first-load JavaScript: ${fmt(js.bytes / 1024, 1)} KiB gzip in ${js.files} files.
`;
}
