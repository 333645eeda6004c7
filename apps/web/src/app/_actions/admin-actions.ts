"use server";

import { appRouter } from "@gatehouse/api";
import { adminRefusals, type AdminRefusal } from "@gatehouse/api/schemas/admin";
import { redirect } from "next/navigation";

import { action, signInIfAnonymous } from "./action-caller";

// The admin page's forms, as server actions: they work without JavaScript and
// run the admin procedures with their checks (an admin cannot disable or demote
// themselves). The page is rendered again after each, with the outcome: a
// refusal by its key, which the page turns back into its text.
const setUserDisabled = action(appRouter.admin.setUserDisabled);
const setRole = action(appRouter.admin.setRole);

const userIdOf = (formData: FormData) => {
  const userId = formData.get("userId");
  return typeof userId === "string" ? userId : "";
};

function finish(result: Awaited<ReturnType<typeof setRole>> | Awaited<ReturnType<typeof setUserDisabled>>): never {
  if (!result.ok) {
    signInIfAnonymous(result.error, "/admin");
    const refusal = (Object.keys(adminRefusals) as AdminRefusal[]).find((key) => adminRefusals[key] === result.error.message);
    redirect(`/admin?error=${refusal ?? "failed"}`);
  }
  redirect("/admin");
}

export async function disableUserAction(formData: FormData): Promise<void> {
  finish(await setUserDisabled({ userId: userIdOf(formData), disabled: true }));
}

export async function enableUserAction(formData: FormData): Promise<void> {
  finish(await setUserDisabled({ userId: userIdOf(formData), disabled: false }));
}

export async function makeAdminAction(formData: FormData): Promise<void> {
  finish(await setRole({ userId: userIdOf(formData), role: "ADMIN" }));
}

export async function makeUserAction(formData: FormData): Promise<void> {
  finish(await setRole({ userId: userIdOf(formData), role: "USER" }));
}
