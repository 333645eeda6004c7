import { insertSession, insertUser, testProvider } from "@gatehouse/db/testing";
import autocannon from "autocannon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SESSION_COOKIE, startAuthApp, type AuthApp } from "./harness/auth-app";

// Load on the production build, and a server killed in the middle of writes:
// nothing lost, nothing duplicated, nothing half-written.
const USERS = 20;

/** A create as the client sends it; the title names it, so the database can be checked against the acknowledgements. */
const createBody = (title: string) => JSON.stringify({ json: { title, content: "Written under load." } });

async function signedInUsers(app: AuthApp): Promise<string[]> {
  return Promise.all(
    Array.from({ length: USERS }, async () => `${SESSION_COOKIE}=${await insertSession(app.db, (await insertUser(app.db)).id)}`),
  );
}

describe(`under load (${testProvider})`, () => {
  let app: AuthApp;
  beforeAll(async () => {
    // The per-user create limit is lifted: this test is about the writes, not the limiter.
    app = await startAuthApp({ env: { RATE_LIMIT_POST_CREATE_PER_USER: "1000000/60" } });
  });
  afterAll(() => app?.stop());

  it("20,000 mixed requests (80% reads, 20% creates by 20 users) at 50 connections: no 5xx, every acknowledged create stored once", async () => {
    const cookies = await signedInUsers(app);
    const seed = await app.db.post.create({ data: { authorId: (await insertUser(app.db)).id, title: "seed", content: "c" } });
    const acknowledged = new Set<string>();
    let sent = 0;
    const statuses: Record<number, number> = {};
    const result = await autocannon({
      url: app.url,
      connections: 50,
      amount: 20_000,
      requests: [
        {
          setupRequest: (request, context: { title?: string }) => {
            const n = sent++;
            const cookie = cookies[n % USERS]!;
            context.title = undefined;
            if (n % 5 === 0) {
              context.title = `load ${n}`;
              return {
                ...request,
                method: "POST",
                path: "/api/trpc/post.create",
                headers: { cookie, "content-type": "application/json" },
                body: createBody(context.title),
              };
            }
            const reads = [
              "/api/trpc/post.list",
              `/api/trpc/post.byId?input=${encodeURIComponent(JSON.stringify({ json: { id: seed.id } }))}`,
              "/api/trpc/auth.me",
            ];
            return { ...request, method: "GET", path: reads[n % reads.length]!, headers: { cookie } };
          },
          onResponse: (status, _body, context: { title?: string }) => {
            statuses[status] = (statuses[status] ?? 0) + 1;
            if (status === 200 && context.title) acknowledged.add(context.title);
          },
        },
      ],
    });

    expect(result.errors + result.timeouts).toBe(0);
    expect(Object.keys(statuses).filter((status) => Number(status) >= 500)).toEqual([]);
    expect(acknowledged.size).toBeGreaterThan(3_000);
    const stored = await app.db.post.findMany({ where: { title: { startsWith: "load " } }, select: { title: true } });
    expect(stored).toHaveLength(acknowledged.size);
    expect(new Set(stored.map((post) => post.title))).toEqual(acknowledged);
  }, 300_000);
});

describe(`a crash in the middle of writes (${testProvider})`, () => {
  let app: AuthApp;
  beforeAll(async () => {
    app = await startAuthApp({ env: { RATE_LIMIT_POST_CREATE_PER_USER: "1000000/60" } });
  });
  afterAll(() => app?.stop());

  it("kill -9 while creates stream in: every acknowledged create is there after a restart, the database is sound, sessions work", async () => {
    const [cookie] = await signedInUsers(app);
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (lane: number) => {
      for (let i = 0; !stop; i++) {
        const title = `crash ${lane}-${i}`;
        const response = await fetch(`${app.url}/api/trpc/post.create`, {
          method: "POST",
          headers: { cookie: cookie!, "content-type": "application/json" },
          body: createBody(title),
        }).catch(() => null);
        if (response?.status === 200) acknowledged.push(title);
        else if (!response) return; // the server is gone
      }
    };
    const lanes = Array.from({ length: 8 }, (_, lane) => writer(lane));
    await expect.poll(() => acknowledged.length, { timeout: 30_000 }).toBeGreaterThan(200);

    const [server] = app.instances;
    await server!.kill();
    stop = true;
    await Promise.all(lanes);
    await server!.restart();

    const stored = new Set(
      (await app.db.post.findMany({ where: { title: { startsWith: "crash " } }, select: { title: true } })).map((p) => p.title),
    );
    expect(acknowledged.filter((title) => !stored.has(title))).toEqual([]);
    if (testProvider === "sqlite") {
      expect(await app.db.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    }
    const me = await fetch(`${app.url}/api/trpc/auth.me`, { headers: { cookie: cookie! } });
    expect(me.status).toBe(200);
  }, 120_000);
});
