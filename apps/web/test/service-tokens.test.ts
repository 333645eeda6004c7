import { generateKeyPairSync, type KeyObject } from "node:crypto";

import { transformer } from "@gatehouse/api/transformer";
import { createTestDatabase, insertSession, insertUser } from "@gatehouse/db/testing";
import { calculateJwkThumbprint, createRemoteJWKSet, exportJWK, jwtVerify, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SESSION_COOKIE } from "./harness/auth-app";
import { startOtherService, type OtherService } from "./harness/other-service";
import { startNextServer, type NextServer } from "./next-server";

// Tokens for another service, from the production build, verified the way another
// service would: jose's createRemoteJWKSet against the running server's JWKS.
const testDb = await createTestDatabase();
const pem = (key: KeyObject) => key.export({ format: "pem", type: "pkcs8" }).toString();
const current = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
// The key before a rotation, of the other supported kind: still listed, never used to sign.
const previous = generateKeyPairSync("ed25519").privateKey;
const kidOf = async (key: KeyObject) => calculateJwkThumbprint(await exportJWK(key));

let server: NextServer;
let billing: OtherService;
let userId = "";
let cookie = "";

beforeAll(async () => {
  userId = (await insertUser(testDb.db, { name: "Token User", role: "ADMIN" })).id;
  cookie = `${SESSION_COOKIE}=${await insertSession(testDb.db, userId)}`;
  server = await startNextServer({
    DATABASE_URL: testDb.url,
    SERVICE_TOKEN_AUDIENCES: "billing,reports",
    SERVICE_TOKEN_PRIVATE_KEY: pem(current),
    SERVICE_TOKEN_PREVIOUS_KEY: pem(previous),
    SERVICE_TOKEN_TTL_SECONDS: "120",
  });
  billing = await startOtherService({ appUrl: server.url, audience: "billing" });
});
afterAll(async () => {
  await billing?.stop();
  await server?.stop();
  await testDb.drop();
});

/** auth.serviceToken over HTTP, as the app's client sends it. */
async function serviceToken(audience: string, headers: Record<string, string> = { cookie }) {
  const response = await fetch(`${server.url}/api/trpc/auth.serviceToken`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(transformer.serialize({ audience })),
  });
  const body = (await response.json()) as { result?: { data: never }; error?: never };
  return {
    status: response.status,
    data: body.result ? transformer.deserialize<{ token: string; expiresAt: Date }>(body.result.data) : undefined,
    error: body.error ? transformer.deserialize<{ data: { zodError: { fieldErrors: Record<string, string[]> } } }>(body.error) : undefined,
  };
}

/** A token the app never issued, signed with `key` under `kid`, with these claims on top of valid ones. */
async function forge(key: KeyObject, kid: string, claims: { aud?: string; exp?: number; iat?: number } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: "ADMIN" })
    .setProtectedHeader({ alg: key.asymmetricKeyType === "ed25519" ? "EdDSA" : "ES256", kid, typ: "JWT" })
    .setSubject(userId)
    .setIssuer(server.url)
    .setAudience(claims.aud ?? "billing")
    .setIssuedAt(claims.iat ?? now)
    .setExpirationTime(claims.exp ?? now + 60)
    .setJti(crypto.randomUUID())
    .sign(key);
}

describe("/.well-known/jwks.json", () => {
  it("lists the signing key and the previous one, public halves only, by thumbprint", async () => {
    const response = await fetch(`${server.url}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("max-age=300");
    const { keys } = (await response.json()) as { keys: Record<string, string>[] };
    expect(keys.map((key) => key.kid)).toEqual([await kidOf(current), await kidOf(previous)]);
    expect(keys.map((key) => key.alg)).toEqual(["ES256", "EdDSA"]);
    for (const key of keys) expect(key).not.toHaveProperty("d");
  });
});

describe("auth.serviceToken", () => {
  it("gives a token that verifies against the running server's JWKS, with every claim", async () => {
    const { status, data } = await serviceToken("billing");
    expect(status).toBe(200);
    const { payload, protectedHeader } = await jwtVerify(data!.token, createRemoteJWKSet(new URL("/.well-known/jwks.json", server.url)), {
      issuer: server.url,
      audience: "billing",
    });
    expect(payload).toMatchObject({ sub: userId, role: "ADMIN", aud: "billing", iss: server.url });
    expect(typeof payload.jti).toBe("string");
    // SERVICE_TOKEN_TTL_SECONDS reached the server.
    expect(payload.exp! - payload.iat!).toBe(120);
    expect(data!.expiresAt).toEqual(new Date(payload.exp! * 1000));
    expect(protectedHeader).toMatchObject({ alg: "ES256", kid: await kidOf(current) });
  });

  it("is 401 when anonymous", async () => {
    expect((await serviceToken("billing", {})).status).toBe(401);
  });

  it("is 400 for an audience that is not on the allow-list, with the issue on the field", async () => {
    const { status, error } = await serviceToken("somewhere-else");
    expect(status).toBe(400);
    expect(error?.data.zodError.fieldErrors.audience?.[0]).toMatch(/Unknown audience/);
  });
});

describe("another service (a plain Node HTTP handler holding only the app's URL)", () => {
  it("accepts a token the app issued for it", async () => {
    const { data } = await serviceToken("billing");
    expect(await billing.call(data!.token)).toEqual({ status: 200, body: { userId, role: "ADMIN" } });
  });

  it("refuses a token issued for another audience", async () => {
    const { data } = await serviceToken("reports");
    expect(await billing.call(data!.token)).toEqual({ status: 401, body: { error: "ERR_JWT_CLAIM_VALIDATION_FAILED" } });
  });

  it("refuses an expired token, even one signed with the app's own key", async () => {
    const past = Math.floor(Date.now() / 1000) - 600;
    const expired = await forge(current, await kidOf(current), { iat: past, exp: past + 300 });
    expect(await billing.call(expired)).toEqual({ status: 401, body: { error: "ERR_JWT_EXPIRED" } });
  });

  it("refuses a token signed by another key, whether it claims the app's kid or its own", async () => {
    const stranger = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    expect(await billing.call(await forge(stranger, await kidOf(current)))).toEqual({
      status: 401,
      body: { error: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" },
    });
    expect(await billing.call(await forge(stranger, await kidOf(stranger)))).toEqual({
      status: 401,
      body: { error: "ERR_JWKS_NO_MATCHING_KEY" },
    });
  });

  it("refuses no token and garbage", async () => {
    expect((await billing.call("")).status).toBe(401);
    expect((await billing.call("not.a.jwt")).status).toBe(401);
  });

  it("still accepts a token signed with the previous key, during a rotation", async () => {
    expect(await billing.call(await forge(previous, await kidOf(previous)))).toEqual({ status: 200, body: { userId, role: "ADMIN" } });
  });
});
