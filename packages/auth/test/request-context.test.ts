import { AsyncLocalStorage } from "node:async_hooks";

import { afterEach, describe, expect, it } from "vitest";

import { clientInfo } from "../src/request-context";

// The production server (apps/web/server/index.mjs) shares its request context under this symbol.
const REQUEST_CONTEXT = Symbol.for("gatehouse.requestContext");
const shared = globalThis as Record<symbol, unknown>;

const forged = new Headers({ "x-gatehouse-client-ip": "203.0.113.7", "user-agent": "curl/8.0" });

describe("clientInfo", () => {
  afterEach(() => {
    delete shared[REQUEST_CONTEXT];
  });

  it("believes the address header inside the production server's request context", () => {
    const context = new AsyncLocalStorage<{ id: string }>();
    shared[REQUEST_CONTEXT] = context;
    expect(context.run({ id: "request-1" }, () => clientInfo(forged))).toEqual({ ip: "203.0.113.7", userAgent: "curl/8.0" });
  });

  it("does not believe it outside one (next dev), where the client may have written it", () => {
    expect(clientInfo(forged)).toEqual({ ip: "unknown", userAgent: "curl/8.0" });
    shared[REQUEST_CONTEXT] = new AsyncLocalStorage();
    expect(clientInfo(forged).ip).toBe("unknown");
  });
});
