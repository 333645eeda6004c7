import type { TRPCClientError } from "@trpc/client";
import { expect } from "vitest";

import type { AppRouter } from "../src";

interface Handlers<T> {
  onStarted: () => void;
  onData: (value: T) => void;
  onError: (error: TRPCClientError<AppRouter>) => void;
  onComplete: () => void;
}

/** What one subscription has received so far, as the client saw it. */
export interface Collected<T> {
  values: T[];
  /** When each value arrived (Date.now()). */
  times: number[];
  started: boolean;
  error: TRPCClientError<AppRouter> | null;
  completed: boolean;
  /** When it completed or failed. */
  endedAt: number | null;
  stop: () => void;
}

/** Subscribes and keeps everything: `collect((handlers) => api.post.onChange.subscribe(input, handlers))`. */
export function collect<T>(subscribe: (handlers: Handlers<T>) => { unsubscribe: () => void }): Collected<T> {
  const collected: Collected<T> = { values: [], times: [], started: false, error: null, completed: false, endedAt: null, stop: () => {} };
  const subscription = subscribe({
    onStarted: () => (collected.started = true),
    onData: (value) => {
      collected.values.push(value);
      collected.times.push(Date.now());
    },
    onError: (error) => {
      collected.error = error;
      collected.endedAt = Date.now();
    },
    onComplete: () => {
      collected.completed = true;
      collected.endedAt ??= Date.now();
    },
  });
  collected.stop = () => subscription.unsubscribe();
  return collected;
}

/** Waits until the subscription is connected (its first request answered). */
export async function started(collected: Collected<unknown>): Promise<void> {
  await expect.poll(() => collected.started, { timeout: 5_000, interval: 10 }).toBe(true);
}
