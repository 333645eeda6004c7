import { describe, expect, it } from "vitest";

import { ConnectionLatencies } from "../bench/connection-latencies";

// The benchmark's reading of answer times (no database: it runs once, with the SQLite project).
describe("the benchmark's latencies", () => {
  it("sets each connection's first answer apart from the answers on open connections", () => {
    const latencies = new ConnectionLatencies();
    const [a, b] = [{}, {}];
    latencies.record(a, 200, 10, 1_900);
    latencies.record(b, 200, 10, 700);
    for (let i = 0; i < 50; i++) {
      latencies.record(a, 200, 10, 40);
      latencies.record(b, 200, 10, 60);
    }
    expect(latencies.summary()).toEqual({ p50: 40, p99: 60, firstAnswerMax: 1_900 });
  });

  it("reads percentiles by nearest rank", () => {
    const latencies = new ConnectionLatencies();
    const client = {};
    latencies.record(client, 200, 10, 5_000);
    for (let ms = 100; ms >= 1; ms--) latencies.record(client, 200, 10, ms);
    expect(latencies.summary()).toMatchObject({ p50: 50, p99: 99 });
  });

  it("counts 2xx answers only, as autocannon's own latencies do", () => {
    const latencies = new ConnectionLatencies();
    const client = {};
    latencies.record(client, 503, 10, 9_000);
    latencies.record(client, 200, 10, 30);
    latencies.record(client, 429, 10, 9_000);
    latencies.record(client, 200, 10, 20);
    expect(latencies.summary()).toEqual({ p50: 20, p99: 20, firstAnswerMax: 30 });
  });
});
