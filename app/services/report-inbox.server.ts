import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { db } from "~/lib/db.server.ts";
import { drillTokensIn, originalSubject, quotedHeaders } from "~/domain/drills/report-match.ts";
import { fileReport, type FiledReport } from "./mail-reports.server.ts";
import { log } from "~/lib/log.server.ts";

/** Mail that is not a mail: no From or no headers a mail program writes. */
export class NotAMail extends Error {}

const textsOf = (mail: ParsedMail) => [mail.text ?? "", typeof mail.html === "string" ? mail.html : ""];

/**
 * Files one mail sent to the report address (不審メール報告): the reporter is
 * the member of staff whose address forwarded it. The suspicious mail may be
 * attached (message/rfc822, as "forward as attachment" does) or quoted
 * inline; either way a drill link's token in it makes it a drill report.
 */
export async function receiveReportMail(raw: Buffer): Promise<FiledReport> {
  const mail = await simpleParser(raw);
  const from = mail.from?.value[0]?.address;
  if (!from || (!mail.date && !mail.messageId && !mail.subject)) throw new NotAMail("not a mail");
  const texts = textsOf(mail);
  let original: { sender?: string; subject?: string; messageId?: string } = {};
  for (const attachment of mail.attachments) {
    if (attachment.contentType === "message/rfc822") {
      const inner = await simpleParser(attachment.content);
      texts.push(...textsOf(inner));
      original.sender ??= inner.from?.text;
      original.subject ??= inner.subject;
      original.messageId ??= inner.messageId;
    } else if (/^text\//.test(attachment.contentType)) {
      texts.push(attachment.content.toString("utf8"));
    }
  }
  if (!original.sender) original = { ...quotedHeaders(mail.text ?? ""), ...original };
  const reporter = await db.staff.findFirst({
    where: { email: { in: [from, from.toLowerCase()] }, active: true },
    select: { id: true },
  });
  return fileReport({
    via: "mail",
    reporterId: reporter?.id ?? null,
    reporterEmail: from,
    sender: original.sender ?? mail.from?.text ?? from,
    subject: original.subject ?? originalSubject(mail.subject ?? ""),
    messageId: original.messageId ?? mail.messageId ?? null,
    raw: raw.toString("utf8"),
    rawSize: raw.length,
    tokens: texts.flatMap(drillTokensIn),
  });
}

/**
 * Mamori's SMTP listener for the report address (REPORT_SMTP_PORT). It
 * takes mail for any recipient (the city routes report@… here), without
 * authentication (it listens inside the closed network, behind the city's
 * mail server), refuses mail over `maxBytes` and anything that does not
 * parse as a mail.
 */
export async function startReportInbox(options: { port: number; host?: string; maxBytes: number }) {
  const server = new SMTPServer({
    name: "mamori-report",
    banner: "Mamori suspicious-mail reports",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: options.maxBytes,
    logger: false,
    onData(stream, _session, callback) {
      const parts: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => parts.push(chunk));
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error("message too large"), { responseCode: 552 }));
          return;
        }
        receiveReportMail(Buffer.concat(parts)).then(
          () => callback(),
          (error) => {
            if (!(error instanceof NotAMail)) log.error({ err: error }, "report inbox: a reported mail was not stored");
            callback(
              Object.assign(new Error(error instanceof NotAMail ? "not a mail" : "could not file the report"), {
                responseCode: error instanceof NotAMail ? 554 : 451,
              }),
            );
          },
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  server.on("error", (error) => log.error({ err: error }, "report inbox: the SMTP listener failed"));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
