import type { AsyncLocalStorage } from "node:async_hooks";

// What the production server (apps/web/server/index.mjs) knows of the request
// in flight, shared through global symbols because that server is not bundled
// with the app. Under `next dev` there is none: these fall back to nothing.
const REQUEST_CONTEXT = Symbol.for("gatehouse.requestContext");
const LOGGER = Symbol.for("gatehouse.logger");
/** Set by the server on every request from the socket (and TRUST_PROXY): the one client address the app believes. */
const CLIENT_IP_HEADER = "x-gatehouse-client-ip";

interface RequestContext {
  id: string;
  userId?: string;
  /** When the caller's session expires (ms since the epoch), once it was looked up. */
  sessionExpires?: number;
}

export interface Logger {
  info: (fields: object, message?: string) => void;
  warn: (fields: object, message?: string) => void;
  error: (fields: object, message?: string) => void;
}

const shared = globalThis as unknown as {
  [REQUEST_CONTEXT]?: AsyncLocalStorage<RequestContext>;
  [LOGGER]?: Logger;
};

const consoleLogger: Logger = {
  info: (fields, message) => console.info(message ?? "", fields),
  warn: (fields, message) => console.warn(message ?? "", fields),
  error: (fields, message) => console.error(message ?? "", fields),
};

/** The server's JSON logger (pino), with the request id of the request in flight. */
export function log(): Logger {
  return shared[LOGGER] ?? consoleLogger;
}

/** The id of the request in flight (the X-Request-Id the client got), if any. */
export function currentRequestId(): string | undefined {
  return shared[REQUEST_CONTEXT]?.getStore()?.id;
}

export interface RequestSession {
  userId: string;
  /** ms since the epoch */
  expires: number;
}

/** Notes the caller's session: its user is named in the request's log line. */
export function noteRequestSession({ userId, expires }: RequestSession): void {
  const context = shared[REQUEST_CONTEXT]?.getStore();
  if (context) Object.assign(context, { userId, sessionExpires: expires });
}

/** For reading, once the request in flight is answered (from outside its async context), the session it noted. */
export function requestSessionReader(): () => RequestSession | undefined {
  const context = shared[REQUEST_CONTEXT]?.getStore();
  return () => (context?.userId && context.sessionExpires ? { userId: context.userId, expires: context.sessionExpires } : undefined);
}

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

// What the Session and AuditLog rows keep of a user agent: enough to name a browser, bounded against abuse.
const USER_AGENT_MAX = 512;

/**
 * Who is on the other end: the address the server vouches for, and the
 * browser's own description. The address header is believed only inside the
 * production server's request context, which sets it over whatever the client
 * sent; anywhere else (`next dev`) a client could write it, so it is "unknown".
 */
export function clientInfo(headers: Headers): ClientInfo {
  const vouched = shared[REQUEST_CONTEXT]?.getStore() !== undefined;
  return {
    ip: (vouched ? headers.get(CLIENT_IP_HEADER) : null) ?? "unknown",
    userAgent: headers.get("user-agent")?.slice(0, USER_AGENT_MAX) ?? null,
  };
}
