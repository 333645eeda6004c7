"use client";

import { signIn, signOut } from "next-auth/react";

const buttonClass =
  "rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-stone-900";

export function SignInButton() {
  return (
    <button type="button" onClick={() => void signIn()} className={`${buttonClass} bg-stone-900 text-white hover:bg-stone-700`}>
      Sign in
    </button>
  );
}

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: "/" })}
      className={`${buttonClass} border border-stone-300 hover:bg-stone-100`}
    >
      Sign out
    </button>
  );
}
