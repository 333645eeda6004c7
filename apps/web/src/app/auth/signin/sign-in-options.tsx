"use client";

import { getCsrfToken, getProviders } from "next-auth/react";
import { useEffect, useId, useState } from "react";

type Providers = NonNullable<Awaited<ReturnType<typeof getProviders>>>;

const buttonClass =
  "w-full rounded-md px-4 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-stone-900";

/**
 * Built from next-auth's REST API: GET /api/auth/providers for the options and
 * GET /api/auth/csrf for the token; each option is a plain form that POSTs to
 * /api/auth/signin/:provider, exactly as next-auth's own page does.
 */
export function SignInOptions({ callbackUrl }: { callbackUrl: string }) {
  const [state, setState] = useState<{ providers: Providers; csrfToken: string } | "loading" | "failed">("loading");
  const emailId = useId();

  useEffect(() => {
    void Promise.all([getProviders(), getCsrfToken()]).then(
      ([providers, csrfToken]) => setState(providers && csrfToken ? { providers, csrfToken } : "failed"),
      () => setState("failed"),
    );
  }, []);

  if (state === "loading") return <p className="text-sm text-stone-600">Loading sign-in options…</p>;
  if (state === "failed") return <p role="alert">Sign-in is unavailable right now. Please reload the page.</p>;

  const { providers, csrfToken } = state;
  const oauth = Object.values(providers).filter((p) => p.type === "oauth");
  const email = Object.values(providers).find((p) => p.type === "email");
  const hidden = (
    <>
      <input type="hidden" name="csrfToken" value={csrfToken} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
    </>
  );

  if (oauth.length === 0 && !email) return <p>No sign-in method is configured.</p>;
  return (
    <div className="space-y-4">
      {oauth.map((provider) => (
        <form key={provider.id} method="post" action={provider.signinUrl}>
          {hidden}
          <button type="submit" className={`${buttonClass} border border-stone-300 hover:bg-stone-100`}>
            Sign in with {provider.name}
          </button>
        </form>
      ))}
      {oauth.length > 0 && email && <p className="text-center text-xs text-stone-600">or</p>}
      {email && (
        <form method="post" action={email.signinUrl} className="space-y-2">
          {hidden}
          <label htmlFor={emailId} className="block text-sm font-medium">
            Email address
          </label>
          <input
            id={emailId}
            name="email"
            type="email"
            required
            autoComplete="email"
            placeholder="you@example.com"
            className="block w-full rounded-md border border-stone-300 px-3 py-2 focus-visible:outline-2 focus-visible:outline-stone-900"
          />
          <button type="submit" className={`${buttonClass} bg-stone-900 text-white hover:bg-stone-700`}>
            Sign in with Email
          </button>
        </form>
      )}
    </div>
  );
}
