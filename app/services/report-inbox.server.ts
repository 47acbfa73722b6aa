import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";
import { env } from "~/lib/env.server.ts";
import { t } from "~/lib/i18n.ts";
import { log } from "~/lib/log.server.ts";
import type { MailFacts } from "./report-mail-facts.server.ts";
import {
  cutToBytes,
  fileReport,
  recordReply,
  staffOfSender,
  reportsFromSenderInLastHour,
  type FiledReport,
} from "./mail-reports.server.ts";
import { ArrivingMail, startReportParser } from "./report-parser.server.ts";
import { getCity } from "./city.server.ts";
import { replyDomainList } from "~/domain/city.ts";

/** What the listener accepts; each defaults to its setting (README, Settings). */
export type InboxLimits = {
  /** REPORT_MAX_BYTES: larger mails are refused, 552. */
  maxBytes: number;
  /** REPORT_MAX_PARTS, REPORT_MAX_DEPTH: more structure is refused, 554. */
  maxParts: number;
  maxDepth: number;
  /** REPORT_PARSE_TIMEOUT_MS: a mail not read by then is filed for triage unread. */
  parseTimeoutMs: number;
  /** REPORT_RATE_PER_HOUR: more reports by one envelope sender get 450. */
  ratePerHour: number;
  /** REPORT_TRUSTED_RELAYS: the only clients served (554 at connection); empty, anyone. */
  trustedRelays: readonly string[];
};

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

/** Whoever the envelope names, lower-cased; "" for the null sender of bounces, which counts as one sender. */
const envelopeSender = (address: string | false | undefined) => (address || "").toLowerCase().slice(0, 500);

/**
 * Files a mail the parser read. The reporter is the active member of staff
 * whose own address (or report alias) is the envelope sender, and only when
 * the header From agrees (staffOfSender): the client is a trusted relay (onConnect), so
 * the envelope is the city mail server's word, while anyone writes a From.
 * Any other mail credits nobody and goes to triage, reporter unknown.
 */
async function fileParsed(
  facts: MailFacts,
  envelopeFrom: string,
  mail: { excerpt: string; size: number },
): Promise<FiledReport> {
  const reporter = await staffOfSender(envelopeFrom, facts.from);
  return fileReport({
    via: "mail",
    reporterId: reporter?.id ?? null,
    reporterEmail: facts.from,
    envelopeFrom,
    sender: facts.sender,
    subject: facts.subject,
    messageId: facts.messageId,
    raw: mail.excerpt,
    rawSize: mail.size,
    tokens: facts.tokens,
  });
}

const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1);

/** A client's address as the relay list writes it: IPv4 without the IPv6 prefix Node may give it. */
const clientAddress = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");

/** The start of the raw mail, as much as may be kept, decoded without reading the rest. */
const rawExcerpt = (mail: ArrivingMail) =>
  cutToBytes(mail.head(env.REPORT_RAW_MAX_BYTES + 4).toString("utf8"), env.REPORT_RAW_MAX_BYTES);

/**
 * Mamori's SMTP listener for the report address (REPORT_SMTP_PORT). It
 * serves only the city's mail servers (REPORT_TRUSTED_RELAYS) and takes
 * mail for the city's report address only, without authentication (it
 * listens inside the closed network, behind the city's mail server). Mails are read in a worker thread (report-parser.server.ts);
 * what it refuses and why is in docs/security.md, "The report listener".
 */
export async function startReportInbox(options: { port: number; host?: string } & Partial<InboxLimits>) {
  const limits: InboxLimits = {
    maxBytes: options.maxBytes ?? env.REPORT_MAX_BYTES,
    maxParts: options.maxParts ?? env.REPORT_MAX_PARTS,
    maxDepth: options.maxDepth ?? env.REPORT_MAX_DEPTH,
    parseTimeoutMs: options.parseTimeoutMs ?? env.REPORT_PARSE_TIMEOUT_MS,
    ratePerHour: options.ratePerHour ?? env.REPORT_RATE_PER_HOUR,
    trustedRelays: options.trustedRelays ?? env.REPORT_TRUSTED_RELAYS,
  };
  const parser = startReportParser({
    timeoutMs: limits.parseTimeoutMs,
    limits: { maxParts: limits.maxParts, maxDepth: limits.maxDepth },
  });
  const overRate = async (sender: string) => (await reportsFromSenderInLastHour(sender)) >= limits.ratePerHour;

  async function receive(mail: ArrivingMail, envelopeFrom: string, isReply: boolean): Promise<void> {
    // Counted again now: mails from one sender may have been read in parallel since MAIL FROM.
    if (await overRate(envelopeFrom)) throw smtpError(450, "too many reports from this sender, try again later");
    const kept = { excerpt: rawExcerpt(mail), size: mail.length };
    const parsed = await parser.parse(mail);
    if (parsed.kind === "unparseable") {
      log.warn({ envelopeFrom, reason: parsed.reason }, "report inbox: a mail could not be read in time; filed unread");
      await fileReport({
        via: "mail",
        reporterId: null,
        reporterEmail: envelopeFrom || null,
        envelopeFrom,
        sender: envelopeFrom,
        subject: t("mailReport.unread"),
        raw: kept.excerpt,
        rawSize: kept.size,
        tokens: [],
      });
      return;
    }
    const { outcome } = parsed;
    if (!outcome.ok) {
      throw outcome.refusal === "not-a-mail"
        ? smtpError(554, "not a mail")
        : outcome.refusal === "too-many-parts"
          ? smtpError(554, `too many MIME parts (at most ${limits.maxParts})`)
          : smtpError(554, `parts or attached messages nested too deep (at most ${limits.maxDepth})`);
    }
    if (isReply) {
      const recorded = await recordReply({
        envelopeFrom,
        headerFrom: outcome.facts.from,
        inReplyTo: outcome.facts.inReplyTo,
        tokens: outcome.facts.tokens,
      });
      // Mail to the fake sender is no report: what is not a drill reply is only logged.
      if (!recorded) log.info({ envelopeFrom }, "report inbox: a mail to a drill sender domain answered no drill mail");
      return;
    }
    await fileParsed(outcome.facts, envelopeFrom, kept);
  }

  function onData(
    stream: SMTPServerDataStream,
    envelopeFrom: string,
    isReply: boolean,
    callback: (error?: Error | null) => void,
  ) {
    const mail = new ArrivingMail();
    stream.on("data", (chunk: Buffer) => mail.add(chunk));
    stream.on("end", () => {
      if (stream.sizeExceeded) {
        callback(smtpError(552, "message too large"));
        return;
      }
      receive(mail, envelopeFrom, isReply).then(
        () => callback(),
        (error: Error & { responseCode?: number }) => {
          if (error.responseCode) return callback(error);
          // The database, not the mail: the sending server tries again later.
          log.error({ err: error }, "report inbox: a reported mail was not stored");
          callback(smtpError(451, "could not file the report"));
        },
      );
    });
  }

  const server = new SMTPServer({
    name: "mamori-report",
    banner: "Mamori suspicious-mail reports",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: limits.maxBytes,
    // Each connection may hold a whole mail in memory until it is read.
    maxClients: 10,
    logger: false,
    onConnect(session, callback) {
      const client = clientAddress(session.remoteAddress);
      if (limits.trustedRelays.length === 0 || limits.trustedRelays.includes(client)) return callback();
      log.warn({ client }, "report inbox: a client that is not a trusted relay was refused");
      callback(smtpError(554, "not a trusted relay"));
    },
    onRcptTo(address, _session, callback) {
      getCity().then(
        (city) => {
          const to = address.address.toLowerCase();
          if (to === city.reportAddress.toLowerCase()) return callback();
          if (replyDomainList(city.replyDomains).includes(domainOf(to))) return callback();
          callback(smtpError(550, "no such recipient: this server takes reports to the report address only"));
        },
        (error: Error) => {
          log.error({ err: error }, "report inbox: the report address could not be read");
          callback(smtpError(451, "try again later"));
        },
      );
    },
    onMailFrom(address, _session, callback) {
      overRate(envelopeSender(address.address)).then(
        (over) => callback(over ? smtpError(450, "too many reports from this sender, try again later") : undefined),
        (error: Error) => {
          log.error({ err: error }, "report inbox: the sender's report count could not be read");
          callback(smtpError(451, "try again later"));
        },
      );
    },
    onData(stream, session, callback) {
      getCity().then(
        (city) => {
          // A mail to a drill sender domain is a reply to the drill, whoever else it is to.
          const domains = replyDomainList(city.replyDomains);
          const isReply = session.envelope.rcptTo.some((r) => domains.includes(domainOf(r.address.toLowerCase())));
          onData(
            stream,
            envelopeSender(session.envelope.mailFrom && session.envelope.mailFrom.address),
            isReply,
            callback,
          );
        },
        (error: Error) => {
          log.error({ err: error }, "report inbox: the city settings could not be read");
          stream.resume();
          stream.on("end", () => callback(smtpError(451, "try again later")));
        },
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  server.on("error", (error) => log.error({ err: error }, "report inbox: the SMTP listener failed"));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await parser.close();
    },
  };
}
