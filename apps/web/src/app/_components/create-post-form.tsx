"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";

import { useTRPC } from "~/trpc/react";

export function CreatePostForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const titleId = useId();
  const contentId = useId();
  const me = useQuery(trpc.auth.me.queryOptions());

  const create = useMutation(
    trpc.post.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.post.list.pathKey() }),
    }),
  );

  // Validation happens on the server (the same zod schema as the procedure); show its words per field.
  const fieldErrors = create.error?.data?.zodError?.fieldErrors ?? {};
  const formError = create.error && !create.error.data?.zodError ? create.error.message : null;

  return (
    <form
      aria-labelledby="create-heading"
      className="mb-8 space-y-3 rounded-lg border border-stone-200 bg-white p-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const data = new FormData(form);
        create.mutate({ title: text(data, "title"), content: text(data, "content") }, { onSuccess: () => form.reset() });
      }}
    >
      <h2 id="create-heading" className="text-lg font-semibold">
        New post{me.data?.name ? ` as ${me.data.name}` : ""}
      </h2>
      <Field id={titleId} label="Title" errors={fieldErrors.title}>
        <input id={titleId} name="title" className={inputClass} {...describedBy(titleId, fieldErrors.title)} />
      </Field>
      <Field id={contentId} label="Content" errors={fieldErrors.content}>
        <textarea id={contentId} name="content" rows={3} className={inputClass} {...describedBy(contentId, fieldErrors.content)} />
      </Field>
      {formError && (
        <p role="alert" className="text-sm text-red-700">
          {formError}
        </p>
      )}
      <button
        type="submit"
        disabled={create.isPending}
        className="rounded-md bg-stone-900 px-4 py-2 text-sm font-medium text-white hover:bg-stone-700 disabled:opacity-50"
      >
        {create.isPending ? "Posting…" : "Post"}
      </button>
    </form>
  );
}

function text(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
}

const inputClass =
  "block w-full rounded-md border border-stone-300 px-3 py-2 aria-invalid:border-red-600 focus-visible:outline-2 focus-visible:outline-stone-900";

function describedBy(id: string, errors: string[] | undefined) {
  return errors?.length ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};
}

function Field({ id, label, errors, children }: { id: string; label: string; errors?: string[]; children: React.ReactNode }) {
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
