export { createDb, db, type Db } from "./client";
export { Role } from "./generated/sqlite/enums";
export type { Post, Session, User } from "./generated/sqlite/client";
export { checkDatabase, databaseErrorReason, isDatabaseUnavailable } from "./availability";
export { changesOf, closeDatabase, limiterOf, readsOf } from "./services";
export type { Limit, Limiter, Verdict } from "./rate-limits";
export type { Changes } from "./changes/types";
export type { PostCursor, PostWithAuthor, Reads, SessionAndUser, SessionUser, UserSession } from "./reads/types";
export { hashSessionToken } from "./session-tokens";
