import type { Db } from "@gatehouse/db";
import { createTestDatabase, insertSession, insertUser } from "@gatehouse/db/testing";
import type { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { appRouter, createTRPCContext, type AppRouter } from "../src";
import { createServerActionCaller } from "../src/server-actions";
import { httpClientFactory, sessionCookie, testGetSession } from "./http-client";

// The server action and /api/trpc run the same procedure behind the same
// context factory: they must accept and refuse exactly the same inputs.
const testDb = await createTestDatabase();
const db: Db = testDb.db;
const http = httpClientFactory(db);
let token = "";

function actionFor(headers: Record<string, string>) {
  const caller = createServerActionCaller(() =>
    Promise.resolve(createTRPCContext({ headers: new Headers(headers), db, getSession: testGetSession(db) })),
  );
  return caller(appRouter.post.create);
}

function formData(fields: Record<string, string>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

beforeAll(async () => {
  token = await insertSession(db, (await insertUser(db, { name: "Former" })).id);
});
afterAll(() => testDb.drop());

describe("post.create as a server action and over HTTP", () => {
  it.each([
    { title: "", content: "text" },
    { title: "   ", content: "text" },
    { title: "x".repeat(121), content: "text" },
    { title: "ok", content: "" },
    { title: "ok", content: "y".repeat(5001) },
    { title: "", content: "" },
    { content: "no title at all" },
  ])("refuses %j with the same error both ways, writing nothing", async (input) => {
    const before = await db.post.count();
    const viaAction = await actionFor(sessionCookie(token))(formData(input as Record<string, string>));
    const viaHttp = (await http(sessionCookie(token))
      .post.create.mutate(input as { title: string; content: string })
      .catch((e: unknown) => e)) as TRPCClientError<AppRouter>;

    expect(viaAction.ok).toBe(false);
    if (viaAction.ok) return;
    expect(viaAction.error.data.code).toBe("BAD_REQUEST");
    expect(viaAction.error.data.code).toBe(viaHttp.data?.code);
    expect(viaAction.error.message).toBe(viaHttp.message);
    expect(viaAction.error.data.zodError).toEqual(viaHttp.data?.zodError);
    expect(viaAction.error.data.zodError?.fieldErrors).not.toEqual({});
    expect(await db.post.count()).toBe(before);
  });

  it("refuses an anonymous caller with UNAUTHORIZED, as HTTP does", async () => {
    const before = await db.post.count();
    const viaAction = await actionFor({})(formData({ title: "t", content: "c" }));
    expect(viaAction.ok ? null : viaAction.error.data.code).toBe("UNAUTHORIZED");
    const viaHttp = (await http()
      .post.create.mutate({ title: "t", content: "c" })
      .catch((e: unknown) => e)) as TRPCClientError<AppRouter>;
    expect(viaHttp.data?.code).toBe("UNAUTHORIZED");
    expect(await db.post.count()).toBe(before);
  });

  it("creates the post from form data, with the Date intact", async () => {
    const result = await actionFor(sessionCookie(token))(formData({ title: "  From a form ", content: "Hello" }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toMatchObject({ title: "From a form", content: "Hello", author: { name: "Former" } });
    expect(result.data.createdAt).toBeInstanceOf(Date);
    expect(await db.post.findUnique({ where: { id: result.data.id } })).not.toBeNull();
  });
});

describe("a server action called with values rather than a form", () => {
  it("takes them as the HTTP endpoint does (transformer-serialized on the way in)", async () => {
    const result = await actionFor(sessionCookie(token))({ title: "From values", content: "Not a form" });
    expect(result.ok).toBe(true);
    expect(await db.post.count({ where: { title: "From values" } })).toBe(1);
  });
});

describe("a refusal other than bad input", () => {
  it("comes back as a result for the form, even NOT_FOUND (not Next's 404 page)", async () => {
    const caller = createServerActionCaller(() =>
      Promise.resolve(createTRPCContext({ headers: new Headers(sessionCookie(token)), db, getSession: testGetSession(db) })),
    );
    const result = await caller(appRouter.post.delete)(formData({ id: "deleted-a-moment-ago" }));
    expect(result.ok ? null : result.error.data.code).toBe("NOT_FOUND");
  });
});
