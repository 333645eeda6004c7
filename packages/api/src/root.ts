import { accountRouter } from "./routers/account";
import { adminRouter } from "./routers/admin";
import { authRouter } from "./routers/auth";
import { postRouter } from "./routers/post";
import { sessionRouter } from "./routers/session";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  post: postRouter,
  admin: adminRouter,
  session: sessionRouter,
  account: accountRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side calls without HTTP: `createCaller(createInnerTRPCContext({ session, db }))`. */
export const createCaller = createCallerFactory(appRouter);
