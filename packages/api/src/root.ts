import { adminRouter } from "./routers/admin";
import { authRouter } from "./routers/auth";
import { postRouter } from "./routers/post";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  post: postRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side calls without HTTP: `createCaller(createInnerTRPCContext({ session, db }))`. */
export const createCaller = createCallerFactory(appRouter);
