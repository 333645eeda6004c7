import { describe, expect, it } from "vitest";

import { safeRedirect } from "../src/options";

// Where next-auth sends a person after signing in or out: never off the app, never a crash.
describe("safeRedirect", () => {
  const base = "https://app.example";
  it.each([
    ["/account", "https://app.example/account"],
    ["https://app.example/admin?x=1", "https://app.example/admin?x=1"],
    ["https://app.example/é", "https://app.example/%C3%A9"],
    ["relative?x", "https://app.example/relative?x"],
    ["%%%", "https://app.example/%%%"],
  ])("keeps %s on the app: %s", (url, expected) => expect(safeRedirect(url, base)).toBe(expected));

  it.each(["https://evil.example/steal", "//evil.example/steal", "javascript:alert(1)", "http://app.example/", "http://["])(
    "sends %s to the home page",
    (url) => expect(safeRedirect(url, base)).toBe(base),
  );
});
