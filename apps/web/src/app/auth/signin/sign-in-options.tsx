import type { SignInProvider } from "@gatehouse/auth";

const buttonClass =
  "w-full rounded-md px-4 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-stone-900";

/**
 * Rendered on the server, whole: a button per OAuth provider and the email
 * form, each a plain form that POSTs to /api/auth/signin/:provider with the
 * CSRF token, exactly as next-auth's own page does. It needs no JavaScript.
 */
export function SignInOptions({
  providers,
  csrfToken,
  callbackUrl,
}: {
  providers: SignInProvider[];
  csrfToken: string;
  callbackUrl: string;
}) {
  const oauth = providers.filter((p) => p.type === "oauth");
  const email = providers.find((p) => p.type === "email");
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
        <form key={provider.id} method="post" action={`/api/auth/signin/${provider.id}`}>
          {hidden}
          <button type="submit" className={`${buttonClass} border border-stone-300 hover:bg-stone-100`}>
            Sign in with {provider.name}
          </button>
        </form>
      ))}
      {oauth.length > 0 && email && <p className="text-center text-xs text-stone-600">or</p>}
      {email && (
        <form method="post" action={`/api/auth/signin/${email.id}`} className="space-y-2">
          {hidden}
          <label htmlFor="sign-in-email" className="block text-sm font-medium">
            Email address
          </label>
          <input
            id="sign-in-email"
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
