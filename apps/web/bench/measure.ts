import autocannon from "autocannon";

import type { Scenario } from "./scenarios";

export interface Sample {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

const CONNECTIONS = 50;

/** Loads the server with one scenario for `seconds`, on 127.0.0.1. */
export async function measure(url: string, scenario: Scenario, seconds: number): Promise<Sample> {
  const result = await autocannon({
    url,
    connections: scenario.connections ?? CONNECTIONS,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => {
          const next = scenario.next();
          return { ...request, ...next, headers: { ...request.headers, ...next.headers } };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
