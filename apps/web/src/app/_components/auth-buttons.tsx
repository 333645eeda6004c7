"use client";

// Plain HTML forms, with JavaScript too: next-auth's client (next-auth/react,
// about 9 KiB gzip) is not shipped for what a form does.

import { writesSettled } from "~/lib/pending-writes";

const buttonClass =
  "rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-stone-900";

/**
 * A GET form to the sign-in page. An anonymous person sees the header on the
 * feed and the sign-in pages only (protected pages send them to sign in with
 * their own callbackUrl), so sign-in lands on the feed.
 */
export function SignInButton() {
  return (
    <form method="get" action="/auth/signin">
      <button type="submit" className={`${buttonClass} bg-stone-900 text-white hover:bg-stone-700`}>
        Sign in
      </button>
    </form>
  );
}

/**
 * next-auth's own sign-out, a POST with the CSRF token (a link could not sign
 * anyone out). With JavaScript, it first lets the server actions in flight on
 * the page finish (the navigation would cut them off). Other tabs of this
 * browser learn of it from their account.onSessionEvent stream (SessionEvents).
 * Without a token (no valid CSRF cookie on this request) next-auth answers with
 * its own confirmation page, which carries one.
 */
export function SignOutButton({ csrfToken }: { csrfToken: string | null }) {
  return (
    <form
      method="post"
      action="/api/auth/signout"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        void writesSettled().then(() => form.submit());
      }}
    >
      {csrfToken && <input type="hidden" name="csrfToken" value={csrfToken} />}
      <input type="hidden" name="callbackUrl" value="/" />
      <button type="submit" className={`${buttonClass} border border-stone-300 hover:bg-stone-100`}>
        Sign out
      </button>
    </form>
  );
}
