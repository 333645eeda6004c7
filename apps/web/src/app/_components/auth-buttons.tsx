"use client";

import { signIn, signOut } from "next-auth/react";

const buttonClass =
  "rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-stone-900";

/**
 * Without JavaScript: a GET form to the sign-in page. With it: next-auth's
 * signIn(), which comes back to the current page afterwards.
 */
export function SignInButton() {
  return (
    <form
      method="get"
      action="/auth/signin"
      onSubmit={(event) => {
        event.preventDefault();
        void signIn();
      }}
    >
      <button type="submit" className={`${buttonClass} bg-stone-900 text-white hover:bg-stone-700`}>
        Sign in
      </button>
    </form>
  );
}

/**
 * Without JavaScript: next-auth's own sign-out, a POST with the CSRF token
 * (a link could not sign anyone out). With it: signOut(), which also tells the
 * other tabs. Without a token (no valid CSRF cookie on this request) next-auth
 * answers with its own confirmation page, which carries one.
 */
export function SignOutButton({ csrfToken }: { csrfToken: string | null }) {
  return (
    <form
      method="post"
      action="/api/auth/signout"
      onSubmit={(event) => {
        event.preventDefault();
        void signOut({ callbackUrl: "/" });
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
