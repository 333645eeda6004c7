import { devMailboxEnabled } from "@gatehouse/auth/dev-mailbox";
import Link from "next/link";

import { formCsrfToken } from "~/lib/csrf-token";
import { getCaller } from "~/trpc/server";

import { SignInButton, SignOutButton } from "./auth-buttons";
import { Avatar } from "./avatar";
import { SessionEvents } from "./session-events";

export async function Header() {
  const session = await (await getCaller()).auth.getSession();
  const user = session?.user;
  const displayName = user?.name ?? user?.email ?? "Signed in";
  const csrfToken = user ? await formCsrfToken() : null;
  return (
    <header className="border-b border-stone-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex max-w-2xl items-center gap-4 px-4 py-3">
        <Link href="/" className="text-lg font-bold tracking-tight">
          Gatehouse
        </Link>
        {user?.role === "ADMIN" && (
          <Link href="/admin" className="text-sm text-stone-600 hover:underline">
            Admin
          </Link>
        )}
        {devMailboxEnabled && (
          <Link href="/dev/mailbox" className="text-sm text-stone-600 hover:underline">
            Dev mailbox
          </Link>
        )}
        <div className="ml-auto flex items-center gap-3">
          {user ? (
            <>
              <Link href="/account" className="flex items-center gap-2 hover:underline" aria-label={`Account: ${displayName}`}>
                <Avatar name={displayName} image={user.image} />
                <span className="text-sm font-medium" data-testid="user-name">
                  {displayName}
                </span>
              </Link>
              <SignOutButton csrfToken={csrfToken} />
            </>
          ) : (
            <SignInButton />
          )}
        </div>
      </nav>
      <SessionEvents signedIn={!!user} />
    </header>
  );
}
