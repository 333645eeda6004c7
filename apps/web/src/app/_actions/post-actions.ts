"use server";

import { appRouter, createTRPCContext } from "@gatehouse/api";
import { createServerActionCaller, type ActionError } from "@gatehouse/api/server-actions";
import { signInPath } from "@gatehouse/auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";

import type { CreatePostState, DeletePostState } from "./form-state";

// The same context factory as /api/trpc, on the action's own request: the
// session comes from getServerSession, and the procedures' checks apply as they are.
const action = createServerActionCaller(async () => createTRPCContext({ headers: await headers() }));
const createPost = action(appRouter.post.create);
const deletePost = action(appRouter.post.delete);

/** An anonymous submission goes to sign-in; nothing was written. */
function signInIfAnonymous(error: ActionError): void {
  if (error.data.code === "UNAUTHORIZED") redirect(signInPath("/"));
}

const text = (data: FormData, name: string) => {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
};

export async function createPostAction(_previous: CreatePostState, formData: FormData): Promise<CreatePostState> {
  const result = await createPost(formData);
  if (result.ok) return { status: "created", fieldErrors: {}, formError: null, values: { title: "", content: "" } };
  signInIfAnonymous(result.error);
  const fieldErrors = result.error.data.zodError?.fieldErrors ?? {};
  return {
    status: result.error.data.zodError ? "invalid" : "failed",
    fieldErrors: { title: fieldErrors.title, content: fieldErrors.content },
    formError: result.error.data.zodError ? null : result.error.message,
    values: { title: text(formData, "title"), content: text(formData, "content") },
  };
}

export async function deletePostAction(_previous: DeletePostState, formData: FormData): Promise<DeletePostState> {
  const result = await deletePost(formData);
  if (result.ok) return { status: "deleted", error: null };
  signInIfAnonymous(result.error);
  return { status: "failed", error: `Could not delete the post: ${result.error.message}` };
}
