"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, type ReactNode } from "react";

import { useWriteAction } from "~/lib/pending-writes";
import { useTRPC } from "~/trpc/react";

import { initialCreatePostState } from "../_actions/form-state";
import { createPostAction } from "../_actions/post-actions";
import { ActionBoundary } from "./action-boundary";
import { Alert } from "./alert";
import { useRefetchFeedAfter } from "./use-refetch-feed";

/**
 * A server action form: without JavaScript it posts and the server renders the
 * result (errors by their fields); with JavaScript the same action runs in
 * place, with a pending state, and the feed refreshes.
 */
export function CreatePostForm() {
  return <ActionBoundary>{(failure) => <CreatePostFormBody failure={failure} />}</ActionBoundary>;
}

function CreatePostFormBody({ failure }: { failure: string | null }) {
  const trpc = useTRPC();
  const titleId = useId();
  const contentId = useId();
  const me = useQuery(trpc.auth.me.queryOptions());
  const [state, formAction, pending] = useWriteAction(createPostAction, initialCreatePostState);

  useRefetchFeedAfter(state, "created");

  const { fieldErrors } = state;
  const formError = failure ?? state.formError;
  return (
    <form action={formAction} aria-labelledby="create-heading" className="mb-8 space-y-3 rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="create-heading" className="text-lg font-semibold">
        New post{me.data?.name ? ` as ${me.data.name}` : ""}
      </h2>
      <Field id={titleId} label="Title" errors={fieldErrors.title}>
        <input
          id={titleId}
          name="title"
          defaultValue={state.values.title}
          className={inputClass}
          {...describedBy(titleId, fieldErrors.title)}
        />
      </Field>
      <Field id={contentId} label="Content" errors={fieldErrors.content}>
        <textarea
          id={contentId}
          name="content"
          rows={3}
          defaultValue={state.values.content}
          className={inputClass}
          {...describedBy(contentId, fieldErrors.content)}
        />
      </Field>
      {formError && <Alert>{formError}</Alert>}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-stone-900 px-4 py-2 text-sm font-medium text-white hover:bg-stone-700 disabled:opacity-50"
      >
        {pending ? "Posting…" : "Post"}
      </button>
    </form>
  );
}

const inputClass =
  "block w-full rounded-md border border-stone-300 px-3 py-2 aria-invalid:border-red-600 focus-visible:outline-2 focus-visible:outline-stone-900";

function describedBy(id: string, errors: string[] | undefined) {
  return errors?.length ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};
}

function Field({ id, label, errors, children }: { id: string; label: string; errors?: string[]; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
