import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { env } from "~/lib/env.server.ts";

/**
 * Mamori's one way out for mail: the city's SMTP server (SMTP_URL), shared
 * by reminders and drills. One pooled transport per process.
 */
let transport: nodemailer.Transporter | undefined;

export function smtpTransport(): nodemailer.Transporter | null {
  if (!env.SMTP_URL) return null;
  transport ??= nodemailer.createTransport(env.SMTP_URL, {
    // Drills send thousands of mails: reuse connections instead of one per mail.
    pool: true,
    maxConnections: 2,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  } as never);
  return transport;
}

/** Closes the pooled connections (server shutdown, end of a command). */
export function closeSmtpTransport(): void {
  transport?.close();
  transport = undefined;
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
