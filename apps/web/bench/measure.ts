import autocannon from "autocannon";

import { ConnectionLatencies } from "./connection-latencies";
import type { Scenario } from "./scenarios";

export interface Sample {
  rps: number;
  /** On connections already open: see connection-latencies.ts. */
  p50: number;
  p99: number;
  /** The slowest first answer on a new connection, which includes the wait to be accepted. */
  firstAnswerMax: number;
  non2xx: number;
  errors: number;
}

const CONNECTIONS = 50;

/** Loads the server with one scenario for `seconds`, on 127.0.0.1. */
export async function measure(url: string, scenario: Scenario, seconds: number): Promise<Sample> {
  const latencies = new ConnectionLatencies();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const options: autocannon.Options = {
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
    };
    // The callback form is the one that hands back the instance, whose "response" events carry each answer's time.
    autocannon(options, (error, done) => (error ? reject(error as Error) : resolve(done))).on("response", latencies.record);
  });
  return {
    rps: result.requests.average,
    ...latencies.summary(),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
