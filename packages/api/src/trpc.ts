import { currentRequestId, DATABASE_UNAVAILABLE_MESSAGE } from "@gatehouse/auth";
import { env } from "@gatehouse/auth/env";
import { isDatabaseUnavailable, Role } from "@gatehouse/db";
import { initTRPC, TRPCError } from "@trpc/server";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { z, ZodError } from "zod";

import type { Context } from "./context";
import { env as apiEnv } from "./env";
import { serializeOutput } from "./serialize-output";
import { transformer } from "./transformer";

const isProduction = env.NODE_ENV === "production";

/** The tRPC instance: internal to this package (server-actions.ts and the SSE transport need it). */
export const t = initTRPC.context<Context>().create({
  // The one wire format; answers written by its faster equal (serialize-output.ts).
  transformer: { input: transformer, output: { serialize: serializeOutput, deserialize: transformer.deserialize } },
  isDev: !isProduction,
  sse: {
    // Idle streams send a ping comment, so that proxies and load balancers keep them open; a client that hears
    // nothing for three pings reconnects (with its last event id).
    ping: { enabled: true, intervalMs: apiEnv.STREAM_HEARTBEAT_MS },
    client: { reconnectAfterInactivityMs: apiEnv.STREAM_HEARTBEAT_MS * 3 },
  },
  errorFormatter: ({ shape, error }) => {
    // A database that is down or overloaded is SERVICE_UNAVAILABLE, which a client or a load balancer may
    // retry, never an error that looks like a bug (its httpStatus makes the 503; http.ts adds Retry-After). Done here rather than in a
    // middleware: a middleware on every procedure costs every call, an error only the failing ones.
    if (isDatabaseUnavailable(error.cause)) {
      return {
        ...shape,
        code: TRPC_ERROR_CODES_BY_KEY.SERVICE_UNAVAILABLE,
        message: DATABASE_UNAVAILABLE_MESSAGE,
        data: { ...shape.data, code: "SERVICE_UNAVAILABLE" as const, httpStatus: 503, stack: undefined, zodError: null },
      };
    }
    return {
      ...shape,
      // An unexpected error's message can carry SQL or file paths: it stays in the log (log-errors.ts), and
      // the client gets the request id that finds it there.
      message: isProduction && error.code === "INTERNAL_SERVER_ERROR" ? internalErrorMessage() : shape.message,
      data: {
        ...shape.data,
        // Keyed by field name, so forms can put each message next to its field.
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause as ZodError<Record<string, unknown>>) : null,
      },
    };
  },
});

function internalErrorMessage(): string {
  const requestId = currentRequestId();
  return requestId ? `Internal server error (request ${requestId})` : "Internal server error";
}

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

export const publicProcedure = t.procedure;

/** Signed-in callers only; `ctx.session.user` is non-null inside. */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const session = await ctx.getSession();
  if (!session?.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to do this." });
  return next({ ctx: { session: { ...session, user: session.user } } });
});

/** Callers whose role is ADMIN only. */
export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.session.user.role !== Role.ADMIN) throw new TRPCError({ code: "FORBIDDEN", message: "Admins only." });
  return next();
});
