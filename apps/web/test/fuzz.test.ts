import { appRouter } from "@gatehouse/api";
import { transformer } from "@gatehouse/api/transformer";
import { insertSession, insertUser, testProvider } from "@gatehouse/db/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { fuzzEnv } from "./fuzz-env";
import { SESSION_COOKIE, startAuthApp, type AuthApp } from "./harness/auth-app";

// Random and hostile inputs to every procedure and to the REST routes, over
// HTTP, at the production build: never a 5xx, never a stack or an internal path
// in the answer, never a write from an input the procedure's schema refuses.
const RUNS = 500;
const CONCURRENCY = 16;
// New inputs each run; a failure names the seed that draws them again (FUZZ_SEED=…).
const SEED = fuzzEnv.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31);

let app: AuthApp;
let cookie = "";
beforeAll(async () => {
  app = await startAuthApp();
  const admin = await insertUser(app.db, { name: "Fuzzed Admin", role: "ADMIN" });
  cookie = `${SESSION_COOKIE}=${await insertSession(app.db, admin.id)}`;
});
afterAll(() => app?.stop());

// What an answer must never show.
const LEAK = /\n\s+at |node_modules|\/work\/|\.ts:\d+|prisma|SQLITE_|PostgreSQL|sqlite3/i;

const NASTY = [
  "",
  " ",
  "\u0000",
  "\uD800",
  '\'; DROP TABLE "Post"; --',
  "<script>alert(1)</script>",
  "../../../../etc/passwd",
  "%00%2e%2e",
  "𝕳𝖊𝖑𝖑𝖔 👩‍👩‍👧‍👦",
  "\u202Eevil",
];
const KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "id",
  "title",
  "content",
  "limit",
  "cursor",
  "userId",
  "role",
  "disabled",
  "audience",
  "json",
  "meta",
];

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ minLength: 4_000, maxLength: 20_000 }),
  fc.constantFrom(...NASTY),
);
const value = fc.letrec((tie) => ({
  any: fc.oneof(
    { maxDepth: 4 },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("any"), { maxLength: 6 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(...KEYS)), tie("any"), { maxKeys: 6 }),
  ),
})).any;

/** The wire form of an input: superjson as the client sends it, or not at all as it should be. */
const encoded = fc.oneof(
  value.map((v) => JSON.stringify({ json: v })),
  value.map((v) => JSON.stringify(v)),
  hostileString,
  fc.constantFrom(
    '{"__proto__":{"polluted":true},"json":{"__proto__":{"admin":true}}}',
    '{"json":{"constructor":{"prototype":{"polluted":true}}}}',
    '{"json":"x","meta":{"values":["custom","evil"]}}',
    '{"json":{"a":"1"},"meta":{"values":{"a":[["class","Foo"]]}}}',
    '{"json":{"createdAt":"not a date"},"meta":{"values":{"createdAt":["Date"]}}}',
    '{"json":{},"meta":{"values":{"__proto__.polluted":["Date"]}}}',
    '{"json":{},"meta":{"referentialEqualities":{"__proto__":["a"]}}}',
    `${"[".repeat(3000)}${"]".repeat(3000)}`,
    `{"json":${'{"a":'.repeat(2000)}1${"}".repeat(2000)}}`,
    "{",
    "null",
  ),
);

type Procedure = { _def: { type: "query" | "mutation" | "subscription"; inputs: { safeParse: (v: unknown) => { success: boolean } }[] } };
const allProcedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>);
const procedures = allProcedures.filter(([, p]) => p._def.type !== "subscription");
const subscriptions = allProcedures.filter(([, p]) => p._def.type === "subscription").map(([path]) => path);

/**
 * Runs `check` on `RUNS` samples, `CONCURRENCY` at a time, and fails the test with the first failures, their
 * inputs and the seed. Each test draws its own samples from the run's seed and its name.
 */
async function fuzz<T>(arbitrary: fc.Arbitrary<T>, check: (sample: T) => Promise<string | null>): Promise<void> {
  const samples = fc.sample(arbitrary, { numRuns: RUNS, seed: fc.hash(`${SEED} ${expect.getState().currentTestName}`) });
  const failures: { sample: T; problem: string }[] = [];
  for (let i = 0; i < samples.length; i += CONCURRENCY) {
    await Promise.all(
      samples.slice(i, i + CONCURRENCY).map(async (sample) => {
        const problem = await check(sample).catch((error: unknown) => `threw: ${String(error)}`);
        if (problem) failures.push({ sample, problem });
      }),
    );
  }
  expect(failures.slice(0, 3), `inputs drawn with FUZZ_SEED=${SEED}`).toEqual([]);
}

async function answer(response: Response): Promise<string | null> {
  const body = await response.text();
  if (response.status >= 500) return `${response.status}: ${body.slice(0, 300)}`;
  if (LEAK.test(body)) return `leaks: ${body.slice(0, 300)}`;
  return null;
}

/** Whether a wire input decodes (with the app's transformer) to something the procedure's schema accepts. */
function acceptable(procedure: Procedure, wire: string): boolean {
  const [schema] = procedure._def.inputs;
  if (!schema) return true; // a procedure without input ignores whatever it is sent
  try {
    return schema.safeParse(transformer.deserialize(JSON.parse(wire) as Parameters<typeof transformer.deserialize>[0])).success;
  } catch {
    return false;
  }
}

/** Percent-encodes the UTF-8 bytes, as a client would send them (lone surrogates become U+FFFD on the way). */
const queryParam = (text: string) => [...Buffer.from(text, "utf8")].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("");

describe(`every procedure, ${RUNS} hostile inputs each (${testProvider})`, () => {
  it.each(procedures.map(([path, procedure]) => [path, procedure] as const))("%s", async (path, procedure) => {
    const rowsBefore = { posts: await app.db.post.count(), users: await app.db.user.count(), sessions: await app.db.session.count() };
    let accepted = 0;
    await fuzz(encoded, async (wire) => {
      const response =
        procedure._def.type === "query"
          ? await fetch(`${app.url}/api/trpc/${path}?input=${queryParam(wire)}`, { headers: { cookie } })
          : await fetch(`${app.url}/api/trpc/${path}`, {
              method: "POST",
              headers: { cookie, "content-type": "application/json" },
              body: wire,
            }).catch(
              () => new Response(null, { status: 413 }), // a body past the limit may be cut off
            );
      if (response.ok && procedure._def.type === "mutation") {
        if (!acceptable(procedure, wire)) return `a write from an input the schema refuses: ${response.status}`;
        accepted += 1;
      }
      return answer(response);
    });
    if (path === "post.create") expect(await app.db.post.count()).toBe(rowsBefore.posts + accepted);
    else if (procedure._def.type === "mutation" && accepted === 0) {
      expect({ posts: await app.db.post.count(), users: await app.db.user.count(), sessions: await app.db.session.count() }).toEqual(
        rowsBefore,
      );
    }
  });
});

/**
 * A stream's opening: up to its second frame (the first is `connected`), or
 * what came within `ms` of the answer (a valid subscription may stay quiet).
 */
async function opening(response: Response, ms: number): Promise<string> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const quiet = setTimeout(() => void reader.cancel(), ms);
  let text = "";
  try {
    while (text.split("\n\n\n").length <= 2) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
  } finally {
    clearTimeout(quiet);
    void reader.cancel();
  }
  return text;
}

describe(`every subscription, ${RUNS} hostile inputs each (${testProvider})`, () => {
  // Served by the production server's own transport (packages/api/src/streams/sse-transport.ts), not Next.
  it.each(subscriptions)("%s", async (path) => {
    await fuzz(encoded, async (wire) => {
      const response = await fetch(`${app.url}/api/trpc/${path}?input=${queryParam(wire)}`, { headers: { cookie } });
      if (response.status >= 500) return `${response.status}`;
      const head = await opening(response, 100);
      if (/"httpStatus":5\d\d/.test(head)) return `a 5xx error event: ${head.slice(0, 300)}`;
      if (LEAK.test(head)) return `leaks: ${head.slice(0, 300)}`;
      return null;
    });
  });
});

const formBody = fc.dictionary(
  fc.oneof(fc.constantFrom("email", "csrfToken", "callbackUrl", "json", "token", "__proto__"), fc.string()),
  hostileString,
  { maxKeys: 5 },
);
const contentType = fc.constantFrom(
  "application/x-www-form-urlencoded",
  "application/json",
  "text/plain",
  "multipart/form-data; boundary=x",
  "",
);

describe(`the REST routes, ${RUNS} hostile bodies each (${testProvider})`, () => {
  it.each([
    ["POST", "/api/me"],
    ["POST", "/api/auth/signin/email"],
    ["POST", "/api/auth/signin/oidc"],
    ["POST", "/api/auth/signout"],
    ["POST", "/api/auth/session"],
    ["GET", "/api/auth/callback/email"],
  ] as const)("%s %s", async (method, path) => {
    const tokensBefore = await app.db.verificationToken.count();
    await fuzz(fc.tuple(formBody, encoded, contentType, fc.boolean()), async ([fields, raw, type, asForm]) => {
      const body = asForm ? new URLSearchParams(fields).toString() : raw;
      const response =
        method === "GET"
          ? await fetch(`${app.url}${path}?${new URLSearchParams(fields).toString()}`, { redirect: "manual" })
          : await fetch(`${app.url}${path}`, { method, headers: type ? { "content-type": type } : {}, body, redirect: "manual" }).catch(
              () => new Response(null, { status: 413 }),
            );
      return answer(response);
    });
    // No CSRF token of the browser's own: no sign-in link was made.
    expect(await app.db.verificationToken.count()).toBe(tokensBefore);
  });
});
