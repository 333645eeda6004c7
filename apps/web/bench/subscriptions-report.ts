import type { Spread } from "./fan-out-latency";
import { median } from "./measure";
import type { Scenario } from "./scenarios";
import { addFailures, POST_EVERY_MS, STREAM_LIMIT_PER_IP, SUBSCRIBER_THREADS, type SubscriptionsRound } from "./subscriptions";

const P99_TARGET_MS = 250;
const KIB_PER_STREAM_TARGET = 50;

const fmt = (n: number, digits = 0) => n.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The median of the rounds, then each round's value: the spread is part of the answer on a shared machine. */
function ofRounds(values: number[], digits = 0): string {
  return `${fmt(median(values), digits)} (${values.map((v) => fmt(v, digits)).join(" / ")})`;
}

const verdict = (value: number, target: number) => (value < target ? "met" : "**not met**");

/** The subscriptions section of bench-results/<provider>.md. */
export function renderSubscriptions(rounds: SubscriptionsRound[], throughput: Scenario[]): string {
  const streams = rounds[0]!.streams;
  const p99Of = (pick: (round: SubscriptionsRound) => Spread) => median(rounds.map((r) => pick(r).p99));
  // Latency from the ack only means something while the ack is on time: a server that falls behind answers
  // creates late, and the events then reach readers before the ack ("negative" latency), which is no success.
  const fanOutVerdict = () => {
    const lateAck = p99Of((r) => r.fanOut.createResponse);
    if (lateAck >= P99_TARGET_MS) return `**not met** (the server fell behind: creates answered in ${fmt(lateAck)} ms at p99)`;
    return verdict(
      p99Of((r) => r.fanOut.fromAck),
      P99_TARGET_MS,
    );
  };
  const latencyRow = (phase: string, from: string, pick: (round: SubscriptionsRound) => Spread, target: boolean) => {
    const spreads = rounds.map(pick);
    return `| ${phase} | ${from} | ${ofRounds(
      spreads.map((s) => s.p50),
      1,
    )} | ${ofRounds(
      spreads.map((s) => s.p99),
      1,
    )} | ${ofRounds(
      spreads.map((s) => s.max),
      1,
    )} | ${target ? `< ${P99_TARGET_MS}: ${fanOutVerdict()}` : ""} |`;
  };
  const delivered = (pick: (round: SubscriptionsRound) => { delivered: number; expected: number }) =>
    `${fmt(sum(rounds.map((r) => pick(r).delivered)))} of ${fmt(sum(rounds.map((r) => pick(r).expected)))}`;
  const perStream = (pick: (round: SubscriptionsRound) => number) => rounds.map((r) => pick(r) / r.streams / 1024);
  const rss = perStream((r) => r.memory.open.rss - r.memory.before.rss);
  const heap = perStream((r) => r.memory.open.heapUsed - r.memory.before.heapUsed);
  const throughputRows = throughput.map((scenario, i) => {
    const samples = rounds.map((r) => r.throughput[i]!);
    return `| ${scenario.name} | ${fmt(median(samples.map((s) => s.without.rps)))} | ${fmt(median(samples.map((s) => s.with.rps)))} | ${ofRounds(
      samples.map((s) => s.with.rps / s.without.rps),
      2,
    )} |`;
  });
  const errors = sum(rounds.flatMap((r) => r.throughput.flatMap((t) => [t.without, t.with].map((s) => s.non2xx + s.errors))));

  return `## Subscriptions: ${fmt(streams)} streams on \`post.onChange\`, a post every ${POST_EVERY_MS} ms

One server; the streams read by ${SUBSCRIBER_THREADS} worker threads of the bench (raw HTTP, parsed with eventsource-parser), the posts
created by one signed-in user through \`post.create\` over HTTP from a thread of its own, all timed on one clock.
Bench setting: the server runs with \`STREAM_LIMIT_PER_IP=${STREAM_LIMIT_PER_IP}\` (default 100), as every reader comes from 127.0.0.1.
${rounds.length} rounds after a warm-up round of fewer streams; medians of the rounds, then each round's value.

**Fan-out latency**, over every (post, stream) delivery of a round. *ack*: from the create's HTTP response reaching
the writer; *send*: from the create's request leaving it. An event can reach its readers before the response reaches
the writer, so *ack* figures can be negative; a server that falls behind delays the ack as well, which the create's
own response time shows.

| phase | from | p50 ms | p99 ms | max ms | target p99 |
| --- | --- | ---: | ---: | ---: | --- |
${latencyRow("streams and posts alone", "ack", (r) => r.fanOut.fromAck, true)}
${latencyRow("streams and posts alone", "send", (r) => r.fanOut.fromSend, false)}
${latencyRow("streams and posts alone", "the create's own response (send → ack)", (r) => r.fanOut.createResponse, false)}
${latencyRow("under request load (autocannon, below)", "ack", (r) => r.underLoad.fromAck, false)}
${latencyRow("under request load (autocannon, below)", "send", (r) => r.underLoad.fromSend, false)}
${latencyRow("under request load (autocannon, below)", "the create's own response (send → ack)", (r) => r.underLoad.createResponse, false)}

Delivered: ${delivered((r) => r.fanOut)} alone, ${delivered((r) => r.underLoad)} under load. Resets ${sum(rounds.map((r) => r.resets))}, streams
that ended by themselves ${sum(rounds.map((r) => r.ended))}, failed creates ${failures(rounds)}. The reading threads' own event-loop delay,
p99 of the worst thread: ${ofRounds(
    rounds.map((r) => r.clientLoopDelayP99),
    1,
  )} ms.

**Memory per open stream**: the server process with ${fmt(streams)} idle streams open minus with none, each after a full
garbage collection, divided by ${fmt(streams)}. RSS (/proc) ${ofRounds(rss, 1)} KiB, V8 heap used ${ofRounds(heap, 1)} KiB;
target < ${KIB_PER_STREAM_TARGET} KiB: ${verdict(Math.max(median(rss), median(heap)), KIB_PER_STREAM_TARGET)}. Round 1 is the first time the server holds
that many streams; later rounds may reuse pages the previous round's streams left, so their RSS can grow less.

**Request throughput** (req/s, 50 connections, medians), a post every ${POST_EVERY_MS} ms in both, without and with the
${fmt(streams)} streams open; the ratio is taken round by round:

| scenario | without streams | with ${fmt(streams)} streams | with / without |
| --- | ---: | ---: | ---: |
${throughputRows.join("\n")}

Non-2xx and errors in these requests: ${errors}.
`;
}

/** "0", or the total and each reason's count. */
function failures(rounds: SubscriptionsRound[]): string {
  const byReason = Object.entries(addFailures(rounds.map((r) => r.failedCreates)));
  if (byReason.length === 0) return "0";
  return `${fmt(sum(byReason.map(([, count]) => count)))} (${byReason.map(([reason, count]) => `${reason}: ${fmt(count)}`).join(", ")})`;
}
