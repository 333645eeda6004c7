/**
 * Answer times, split into each connection's first answer and the answers after it.
 *
 * autocannon opens its connections anew for every measurement. Since libuv 1.45 (Node 20.20 has 1.46), a server
 * accepts one connection per event-loop turn (libuv#3696, nodejs/node#57364): on a saturated server, 50
 * connections opened at once are admitted over 50 turns, and the last one's first answer comes 1.3-1.9 s late. Those first answers are more than 1%
 * of a 5-second measurement, so a p99 over every answer measured that admission, not the scenario. The p50
 * and p99 are read on open connections, as a load balancer's pooled connections see them; the slowest first
 * answer is reported on its own.
 */
export class ConnectionLatencies {
  private readonly answered = new WeakSet<object>();
  private readonly onOpenConnections: number[] = [];
  private slowestFirst = 0;

  /** autocannon's "response" listener. Like autocannon, it counts the latency of 2xx answers only. */
  readonly record = (client: object, status: number, _bytes: number, ms: number): void => {
    if (status < 200 || status > 299) return;
    if (this.answered.has(client)) {
      this.onOpenConnections.push(ms);
      return;
    }
    this.answered.add(client);
    this.slowestFirst = Math.max(this.slowestFirst, ms);
  };

  summary(): { p50: number; p99: number; firstAnswerMax: number } {
    const sorted = this.onOpenConnections.toSorted((a, b) => a - b);
    // Nearest rank: the smallest answer time that the given share of answers does not exceed.
    const at = (percent: number) => sorted[Math.max(0, Math.ceil((percent / 100) * sorted.length) - 1)] ?? Number.NaN;
    return { p50: at(50), p99: at(99), firstAnswerMax: this.slowestFirst };
  }
}
