import { experimental_createServerActionHandler } from "@trpc/next/app-dir/server";
import type { AnyProcedure, inferProcedureInput, inferProcedureOutput, inferRouterError } from "@trpc/server";

import type { Context } from "./context";
import { logUnexpectedError } from "./log-errors";
import type { AppRouter } from "./root";
import { transformer } from "./transformer";
import { t } from "./trpc";

export type ActionError = inferRouterError<AppRouter>;
export type ActionResult<TData> = { ok: true; data: TData } | { ok: false; error: ActionError };

/**
 * Server actions that run the app's own procedures through @trpc/next: the
 * same middleware (session checks), the same zod input, the same error shape
 * as /api/trpc. FormData is turned into an object for the input schema.
 * `createContext` should be the HTTP context factory on the action's request.
 */
export function createServerActionCaller(createContext: () => Promise<Context>) {
  // Every refusal comes back as a result, for the action to turn into its form's message (or a sign-in
  // redirect). tRPC's default would throw a NOT_FOUND on as Next's 404 page instead: a post or a user
  // deleted a moment before the form was sent. The procedures throw no Next errors of their own.
  const handler = experimental_createServerActionHandler(t, { createContext, onError: logUnexpectedError, rethrowNextErrors: false });
  return <TProc extends AnyProcedure>(procedure: TProc) => {
    const action = handler(procedure);
    return async (input: FormData | inferProcedureInput<TProc>): Promise<ActionResult<inferProcedureOutput<TProc>>> => {
      // The handler takes and answers what the HTTP endpoint does: FormData, or transformer-serialized values.
      const response = await action(input instanceof FormData ? input : (transformer.serialize(input) as never));
      if ("error" in response) return { ok: false, error: transformer.deserialize(response.error as never) };
      return { ok: true, data: transformer.deserialize(response.result.data as never) };
    };
  };
}
