import { describe, expect, it } from "vitest";

import { readSessionToken } from "../src/session-cookie";

describe("readSessionToken", () => {
  it("reads the cookie next-auth reads (NEXTAUTH_URL is http here), never the other name", () => {
    expect(readSessionToken(new Headers({ cookie: "next-auth.session-token=plain" }))).toBe("plain");
    const both = new Headers({ cookie: "__Secure-next-auth.session-token=other; next-auth.session-token=plain" });
    expect(readSessionToken(both)).toBe("plain");
    expect(readSessionToken(new Headers({ cookie: "__Secure-next-auth.session-token=other" }))).toBeNull();
  });
});
