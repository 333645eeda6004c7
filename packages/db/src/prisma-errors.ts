/** Prisma's "the record to update or delete does not exist". */
export const PRISMA_NOT_FOUND = "P2025";
/** Prisma's "foreign key constraint failed": the row it points at is gone. */
export const PRISMA_FOREIGN_KEY = "P2003";

/** Whether `error` is a Prisma error with this code. */
export function hasPrismaCode(error: unknown, code: string): boolean {
  return (error as { code?: unknown } | null)?.code === code;
}
