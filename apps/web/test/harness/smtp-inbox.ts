import PostalMime, { type Email } from "postal-mime";
import { SMTPServer } from "smtp-server";

export interface Mail {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  message: Email;
}

export interface SmtpInbox {
  /** For EMAIL_SERVER. */
  url: string;
  mails: Mail[];
  mailsTo: (address: string) => Mail[];
  stop: () => Promise<void>;
}

/** A real SMTP server on 127.0.0.1, plain text and no auth, that keeps every message it accepts. */
export async function startSmtpInbox(): Promise<SmtpInbox> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      // The message is stored before the client hears 250, so it is here once the sender's request returns.
      stream
        .toArray()
        .then((chunks: Buffer[]) => PostalMime.parse(Buffer.concat(chunks)))
        .then((message) => {
          mails.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), message });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    mailsTo: (address) => mails.filter((mail) => mail.to.includes(address)),
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
