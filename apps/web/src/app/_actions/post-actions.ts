"use server";

import { appRouter } from "@gatehouse/api";

import { action, signInIfAnonymous } from "./action-caller";
import type { CreatePostState, DeletePostState } from "./form-state";

const createPost = action(appRouter.post.create);
const deletePost = action(appRouter.post.delete);

const text = (data: FormData, name: string) => {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
};

export async function createPostAction(_previous: CreatePostState, formData: FormData): Promise<CreatePostState> {
  const result = await createPost(formData);
  if (result.ok) return { status: "created", fieldErrors: {}, formError: null, values: { title: "", content: "" } };
  signInIfAnonymous(result.error, "/");
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
  signInIfAnonymous(result.error, "/");
  return { status: "failed", error: `Could not delete the post: ${result.error.message}` };
}
