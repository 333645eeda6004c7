import { limitSetting } from "@gatehouse/db/limit-setting";
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

import { POST_PAGE_MAX } from "./schemas/post";

/** The variables this module reads (the environment test checks .env.example and the README against them). */
export const envShape = {
  /** How far back a reconnecting post.onChange reader is replayed what it missed (ms); older gaps get `reset`. */
  FEED_REPLAY_WINDOW_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(600_000),
  /** Open subscriptions (SSE streams) one session cookie may hold on one instance; past it, 429. */
  STREAM_LIMIT_PER_SESSION: z.coerce.number().int().min(1).default(10),
  /** Open subscriptions one client address may hold on one instance; past it, 429. */
  STREAM_LIMIT_PER_IP: z.coerce.number().int().min(1).default(100),
  /** How often an idle stream sends a ping, so that proxies keep it open (ms). */
  STREAM_HEARTBEAT_MS: z.coerce.number().int().min(500).max(120_000).default(15_000),
  /** How long a page of the feed may be served from memory (ms); 0 turns the cache off. */
  FEED_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300_000).default(30_000),
  /**
   * Posts the feed cache holds at most, counted as the pages' sizes (least recently used pages go first); at least
   * the largest page read (the largest limit, plus the one more read to know whether another page follows).
   */
  FEED_CACHE_MAX_POSTS: z.coerce
    .number()
    .int()
    .min(POST_PAGE_MAX + 1)
    .max(1_000_000)
    .default(2_000),
  /** Posts one user may create, "points/seconds": ten at once is fine, a script is not. */
  RATE_LIMIT_POST_CREATE_PER_USER: limitSetting("60/60"),
  /** Calls in one tRPC batch at most: a GET with a thousand calls is a 400, not five seconds of work. */
  TRPC_MAX_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(20),
  /** A tRPC request body's size at most (bytes); past it, 413. */
  TRPC_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(100 * 1024),
};

export const env = createEnv({
  server: envShape,
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
