export { createDb, db, type Db } from "./client";
export { Role } from "./generated/prisma/enums";
export type { Post, Session, User } from "./generated/prisma/client";
