import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { parseConnectionUrl } from "nodemailer/lib/shared";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import { env } from "~/lib/env.server.ts";

/**
 * Mamori's one way out for mail: the city's SMTP server (SMTP_URL), shared
 * by reminders and drills. One pooled transport per process.
 */
let transport: nodemailer.Transporter | undefined;

export function smtpTransport(): nodemailer.Transporter | null {
  if (!env.SMTP_URL) return null;
  // Options beside a URL must be merged into its parsed form: nodemailer
  // reads a URL's own settings only and takes a second argument as the
  // mails' defaults, not the transport's.
  transport ??= nodemailer.createTransport({
    ...parseConnectionUrl(env.SMTP_URL),
    // Drills send thousands of mails: a few connections kept open and reused.
    pool: true,
    maxConnections: SMTP_CONNECTIONS,
    maxMessages: Infinity,
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    getSocket: connectWithoutDelay,
  } as SMTPPool.Options);
  return transport;
}

/** Connections to the mail server at once, and so mails in flight at once. */
export const SMTP_CONNECTIONS = 5;

/** Closes the pooled connections (server shutdown, end of a command). */
export function closeSmtpTransport(): void {
  transport?.close();
  transport = undefined;
}

const CONNECT_TIMEOUT_MS = 30_000;

/**
 * Opens the TCP connection to the mail server with Nagle's algorithm off.
 * nodemailer writes a mail's last line as a small write of its own; with
 * Nagle on, it waits for the server's delayed acknowledgement (40 ms on
 * Linux), which held every mail for 45 ms and the drill sender at 22
 * mails a second per connection (docs/benchmarks.md, drills). nodemailer
 * upgrades the socket to TLS itself for smtps:// and STARTTLS.
 */
function connectWithoutDelay(
  options: { host?: string; port?: number },
  callback: (error: Error | null, socket?: { connection: Socket }) => void,
) {
  const socket = connect({ host: options.host, port: options.port ?? 25, noDelay: true });
  const fail = (error: Error) => {
    socket.destroy();
    callback(error);
  };
  socket.setTimeout(CONNECT_TIMEOUT_MS, () =>
    fail(Object.assign(new Error("Connection timeout"), { code: "ETIMEDOUT" })),
  );
  socket.once("error", fail);
  socket.once("connect", () => {
    socket.setTimeout(0);
    socket.off("error", fail);
    callback(null, { connection: socket });
  });
}

/** Builds a mail as RFC 5322 text (the .eml a mail program opens). */
const buildTransport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "crlf" });

/**
 * Sends `mail` through SMTP when configured, otherwise writes it as an .eml
 * file into `folder` under the outbox (REMINDER_OUTBOX), named `fileName`.
 * The file appears whole or not at all (written aside, then renamed).
 */
export async function sendOrWriteMail(mail: Mail.Options, folder: string, fileName: string): Promise<"smtp" | "file"> {
  const smtp = smtpTransport();
  if (smtp) {
    await smtp.sendMail(mail);
    return "smtp";
  }
  const built = (await buildTransport.sendMail(mail)) as unknown as { message: Buffer };
  const dir = join(env.REMINDER_OUTBOX, folder);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, fileName);
  writeFileSync(`${path}.part`, built.message);
  renameSync(`${path}.part`, path);
  return "file";
}

/**
 * Whether a failed send is worth retrying: an SMTP 4xx reply or a network
 * problem is temporary; a 5xx reply (unknown mailbox, refused) is permanent.
 */
export function isTemporaryMailError(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === "number" ? code < 500 : true;
}
