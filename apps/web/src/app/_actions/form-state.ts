// What the server actions return to their forms (useActionState), with
// JavaScript or without: the server renders the same state into the HTML.

export interface CreatePostState {
  status: "idle" | "created" | "invalid" | "failed";
  /** The server's zod messages, per field. */
  fieldErrors: { title?: string[]; content?: string[] };
  formError: string | null;
  /** What was submitted, so a refused form keeps its text. */
  values: { title: string; content: string };
}

export const initialCreatePostState: CreatePostState = {
  status: "idle",
  fieldErrors: {},
  formError: null,
  values: { title: "", content: "" },
};

export interface DeletePostState {
  status: "idle" | "deleted" | "failed";
  error: string | null;
}

export const initialDeletePostState: DeletePostState = { status: "idle", error: null };

export interface SessionActionState {
  status: "idle" | "revoked" | "failed";
  error: string | null;
}

export const initialSessionActionState: SessionActionState = { status: "idle", error: null };
