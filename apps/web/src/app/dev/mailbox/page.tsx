import { devMailboxEnabled, readDevMailbox } from "@gatehouse/auth/dev-mailbox";
import { notFound } from "next/navigation";

// Sign-in links the dev mailbox caught (see packages/auth/src/dev-mailbox.ts).
export const dynamic = "force-dynamic";

export default function DevMailboxPage() {
  if (!devMailboxEnabled) notFound();
  const mails = readDevMailbox();
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">Dev mailbox</h1>
      <p className="mb-6 text-sm text-stone-600">
        With no EMAIL_SERVER set, sign-in emails land here (and in the server log) instead of being sent.
      </p>
      {mails.length === 0 ? (
        <p>No mail yet. Use “Sign in with Email” and come back.</p>
      ) : (
        <ul className="space-y-3">
          {mails.map((mail) => (
            <li key={mail.url} className="rounded-lg border border-stone-200 bg-white p-4 text-sm">
              <p>
                To <strong>{mail.to}</strong> at {mail.sentAt.toISOString()}
              </p>
              <a href={mail.url} className="break-all text-blue-700 underline">
                Sign in as {mail.to}
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
