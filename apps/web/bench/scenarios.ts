import { encodePostCursor } from "@gatehouse/api/schemas/post";
import { transformer } from "@gatehouse/api/transformer";

import type { BenchData } from "./seed";

export interface BenchRequest {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Scenario {
  name: string;
  /** Concurrent connections (50 unless the scenario says otherwise). */
  connections?: number;
  /** Whether its p99 counts against the API target (pages and writes are reported, not held to it). */
  api: boolean;
  /** Called for every request: random ids, rotating users. */
  next: () => BenchRequest;
}

type Call = [procedure: string, input?: unknown];

/** A tRPC GET as the app's client sends it: one call, or a batch. */
function trpcGet(calls: Call[]): string {
  if (calls.length === 1) {
    const [procedure, input] = calls[0]!;
    return input === undefined
      ? `/api/trpc/${procedure}`
      : `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(transformer.serialize(input)))}`;
  }
  const inputs = Object.fromEntries(calls.flatMap(([, input], i) => (input === undefined ? [] : [[i, transformer.serialize(input)]])));
  return `/api/trpc/${calls.map(([procedure]) => procedure).join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
}

export function scenarios(data: BenchData): Scenario[] {
  const signedIn = { cookie: data.cookie };
  const randomPost = () => data.posts[Math.floor(Math.random() * data.posts.length)]!;
  const byId = (): Call => ["post.byId", { id: randomPost().id }];
  let creator = 0;
  let created = 0;
  const get = (calls: () => Call[], headers?: Record<string, string>) => (): BenchRequest => ({
    method: "GET",
    path: trpcGet(calls()),
    headers,
  });
  return [
    { name: "plain route (`/api/health`)", api: true, next: () => ({ method: "GET", path: "/api/health" }) },
    { name: "public, no cookie (`auth.getSession`)", api: true, next: get(() => [["auth.getSession"]]) },
    { name: "public with one read (`post.byId` random), cookie sent", api: true, next: get(() => [byId()], signedIn) },
    { name: "`auth.me` (protected)", api: true, next: get(() => [["auth.me"]], signedIn) },
    { name: "batch of 10 `auth.me`", api: true, next: get(() => Array.from({ length: 10 }, (): Call => ["auth.me"]), signedIn) },
    { name: "batch of 10 `post.byId` random", api: true, next: get(() => Array.from({ length: 10 }, byId), signedIn) },
    {
      name: "batch of 10 mixed (5 public, 5 protected)",
      api: true,
      next: get(
        () => [
          ["auth.getSession"],
          ["post.list"],
          byId(),
          byId(),
          byId(),
          ["auth.me"],
          ["auth.me"],
          ["session.list"],
          ["auth.me"],
          ["session.list"],
        ],
        signedIn,
      ),
    },
    { name: "`post.list` first page", api: true, next: get(() => [["post.list"]]) },
    {
      name: "`post.list` deep page (after post 10,000)",
      api: true,
      next: get(() => [["post.list", { cursor: encodePostCursor(data.deepPost) }]]),
    },
    {
      // Nearly every cursor is new to the feed cache: this is the keyset seek itself, read from the database.
      name: "`post.list` after a random post (cache misses)",
      api: true,
      next: get(() => [["post.list", { cursor: encodePostCursor(randomPost()) }]]),
    },
    {
      name: "`post.create`, 20 users at once",
      connections: 20,
      api: false,
      next: () => ({
        method: "POST",
        path: "/api/trpc/post.create",
        headers: { cookie: data.creatorCookies[creator++ % data.creatorCookies.length]!, "content-type": "application/json" },
        body: JSON.stringify(transformer.serialize({ title: `Bench post ${++created}`, content: "Written under load." })),
      }),
    },
    { name: "home page, anonymous", api: false, next: () => ({ method: "GET", path: "/" }) },
    { name: "home page, signed in", api: false, next: () => ({ method: "GET", path: "/", headers: signedIn }) },
  ];
}
