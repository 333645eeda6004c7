// pnpm admin:grant <email>: promote an existing user to ADMIN.
import "@gatehouse/root-env/load";

import { db } from "../client";
import { Role } from "../generated/sqlite/enums";

async function main(email: string | undefined): Promise<number> {
  if (!email) {
    console.error("Usage: pnpm admin:grant <email>");
    return 2;
  }
  const { count } = await db.user.updateMany({ where: { email }, data: { role: Role.ADMIN } });
  if (count === 0) {
    console.error(`No user with email ${email}. They must sign in once before they can be made admin.`);
    return 1;
  }
  console.log(`${email} is now ADMIN.`);
  return 0;
}

process.exitCode = await main(process.argv[2]).finally(() => db.$disconnect());
