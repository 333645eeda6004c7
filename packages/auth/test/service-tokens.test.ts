import { IncomingMessage } from "node:http";
import { Socket } from "node:net";

import { createTestDatabase, insertSession, insertUser } from "@gatehouse/db/testing";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { createAuthOptions, getAuth, issueServiceToken, serviceTokenKeys, UnknownAudienceError, type Auth } from "../src";

// getAuth(...).getToken on next-auth's real getServerSession and real database sessions;
// tokens verified with jose against the JWKS the app publishes.
const testDb = await createTestDatabase();
const authOptions = createAuthOptions({ db: testDb.db });
let userId = "";
let token = "";

const cookieHeader = () => `next-auth.session-token=${token}`;

/** A real Node request, as a Pages Router API route receives it. */
function pagesRequest(headers: Record<string, string>): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.headers = headers;
  return req;
}

const info = vi.spyOn(console, "info");

beforeAll(async () => {
  userId = (await insertUser(testDb.db, { name: "Tess", role: "ADMIN" })).id;
  token = await insertSession(testDb.db, userId);
});
afterAll(() => testDb.drop());

async function verify(jwt: string, audience: string) {
  const { jwks } = await serviceTokenKeys();
  return jwtVerify(jwt, createLocalJWKSet(jwks), { issuer: "http://app.test", audience });
}

describe("getAuth accepts every shape of request, with one name", () => {
  // The three overloads, each with the given headers.
  const shapes: [string, (headers: Record<string, string>) => Promise<Auth>][] = [
    ["an App Router Request", (headers) => getAuth(new Request("http://app.test/api/x", { method: "POST", headers }), { authOptions })],
    ["plain Headers", (headers) => getAuth(new Headers(headers), { authOptions })],
    ["a Pages Router request (IncomingMessage)", (headers) => getAuth(pagesRequest(headers), { authOptions })],
  ];

  it.each(shapes)("%s: the signed-in user's id and session", async (_, authOf) => {
    const auth = await authOf({ cookie: cookieHeader() });
    expect(auth.userId).toBe(userId);
    expect(auth.session?.user).toMatchObject({ id: userId, role: "ADMIN" });
  });

  it.each(shapes)("%s without a cookie: anonymous, and getToken gives null", async (_, authOf) => {
    const auth = await authOf({});
    expect(auth).toMatchObject({ userId: null, session: null });
    expect(await auth.getToken({ audience: "billing" })).toBeNull();
  });
});

describe("getToken({ audience })", () => {
  it("is a JWT signed with the app's key: sub, role, aud, iss, iat, exp (5 minutes), jti", async () => {
    const jwt = await (await getAuth(new Headers({ cookie: cookieHeader() }), { authOptions })).getToken({ audience: "billing" });
    const { payload, protectedHeader } = await verify(jwt!, "billing");
    expect(payload).toMatchObject({ sub: userId, role: "ADMIN", aud: "billing", iss: "http://app.test" });
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(Math.abs(payload.iat! - Date.now() / 1000)).toBeLessThan(5);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(protectedHeader).toMatchObject({ alg: "ES256", typ: "JWT" });
    expect((await serviceTokenKeys()).jwks.keys.map((key) => key.kid)).toContain(protectedHeader.kid);
  });

  it("gives every token its own jti", async () => {
    const user = { id: userId, role: "USER" as const };
    const [a, b] = await Promise.all([issueServiceToken(user, "reports"), issueServiceToken(user, "reports")]);
    expect((await verify(a.token, "reports")).payload.jti).not.toBe((await verify(b.token, "reports")).payload.jti);
    expect(decodeProtectedHeader(a.token).kid).toBe(decodeProtectedHeader(b.token).kid);
  });

  it("refuses an audience the allow-list does not have", async () => {
    const auth = await getAuth(new Headers({ cookie: cookieHeader() }), { authOptions });
    await expect(auth.getToken({ audience: "elsewhere" })).rejects.toBeInstanceOf(UnknownAudienceError);
  });

  it("a token for one audience is refused by another", async () => {
    const { token: jwt } = await issueServiceToken({ id: userId, role: "USER" }, "billing");
    await expect(verify(jwt, "reports")).rejects.toThrow(/aud/);
  });

  it("without SERVICE_TOKEN_PRIVATE_KEY, outside production, a key is generated once and the log says so", async () => {
    await serviceTokenKeys();
    const said = info.mock.calls.filter(([message]) => String(message).includes("generated an ES256 key for development"));
    expect(said).toHaveLength(1);
    expect((await serviceTokenKeys()).jwks.keys).toHaveLength(1);
  });

  it("the JWKS holds public keys only", async () => {
    const [key] = (await serviceTokenKeys()).jwks.keys;
    expect(key).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
    expect(key).not.toHaveProperty("d");
  });
});
