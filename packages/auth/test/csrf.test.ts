import { createHash } from "node:crypto";

import { describe, expect, it } from "vitest";

import { CSRF_COOKIE, CSRF_COOKIE_OPTIONS, csrfTokenOf, newCsrfCookie } from "../src/csrf";

const SECRET = "test-secret-test-secret-test-secret-0123"; // vitest.config.ts
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("next-auth's CSRF cookie", () => {
  it("is written as next-auth writes it: token|sha256(token + secret), host-only, HttpOnly, Lax", () => {
    const { token, value } = newCsrfCookie();
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(value).toBe(`${token}|${sha256(`${token}${SECRET}`)}`);
    expect(CSRF_COOKIE).toBe("next-auth.csrf-token"); // NEXTAUTH_URL is http here
    expect(CSRF_COOKIE_OPTIONS).toEqual({ httpOnly: true, sameSite: "lax", path: "/", secure: false });
  });

  it("gives the token back from a valid value, and nothing from a forged or malformed one", () => {
    const { token, value } = newCsrfCookie();
    expect(csrfTokenOf(value)).toBe(token);
    const other = "0".repeat(64);
    expect(csrfTokenOf(`${other}|${sha256(`${other}another-secret`)}`)).toBeNull();
    expect(csrfTokenOf(`${other}|${value.split("|")[1]}`)).toBeNull();
    for (const bad of [undefined, "", token, `${value}|x`, "|"]) expect(csrfTokenOf(bad)).toBeNull();
  });
});
