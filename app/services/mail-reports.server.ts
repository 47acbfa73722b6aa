import { db } from "~/lib/db.server.ts";
import { log } from "~/lib/log.server.ts";
import { env } from "~/lib/env.server.ts";
import type { Actor } from "~/domain/audit.ts";
import { linkLastDay } from "~/domain/drills/campaign.ts";
import {
  creditableAddress,
  originalSubject,
  repliedDrill,
  reportGroupKey,
  senderAddress,
} from "~/domain/drills/report-match.ts";
import { formatDateTime, japanDate } from "~/domain/japan-time.ts";
import { t } from "~/lib/i18n.ts";
import { TRIAGE_STATUSES, type TriageStatus } from "~/domain/drills/triage.ts";
import { recordAudit } from "./audit.server.ts";
import { getCity, organisationNames } from "./city.server.ts";
import { reportAliasLines } from "~/domain/city.ts";
import { getScenario, MAIL_PERSON_SELECT, renderFor } from "./drill-scenarios.server.ts";
import { hashToken } from "./drill-tokens.server.ts";

/** A suspicious mail as reported, by mail to the report address or with the button. */
export type IncomingReport = {
  via: "mail" | "button";
  reporterId: number | null;
  reporterEmail?: string | null;
  /** The SMTP envelope sender, for reports by mail. */
  envelopeFrom?: string | null;
  sender: string;
  subject: string;
  messageId?: string | null;
  /** The mail, when the reporter gave it: kept up to REPORT_RAW_MAX_BYTES. */
  raw?: string | null;
  rawSize: number;
  /** Drill link tokens found in the mail (app/domain/drills/report-match.ts). */
  tokens: readonly string[];
};

export type FiledReport = { id: number; kind: "drill" | "real"; campaignName: string | null };

/** Reports of the same drill by the same message count once, at the first. */
const norm = (s: string) => originalSubject(s).normalize("NFKC").replace(/\s+/g, " ");

/**
 * The drill message a report is about: by a link token in the mail, or else
 * (the reporter pasted only sender and subject) by one of the reporter's own
 * drill mails with that sender and subject, sent before now and whose link
 * still works.
 */
async function matchDrill(report: IncomingReport, now: Date) {
  for (const token of report.tokens) {
    const message = await db.drillMessage.findUnique({
      where: { tokenHash: hashToken(token) },
      select: { id: true, staffId: true, campaignId: true, campaign: { select: { name: true } } },
    });
    if (message) return message;
  }
  if (report.reporterId === null) return null;
  const candidates = await db.drillMessage.findMany({
    where: { staffId: report.reporterId, status: "sent", sentAt: { lte: now } },
    orderBy: { sentAt: "desc" },
    select: {
      id: true,
      staffId: true,
      campaignId: true,
      campaign: { select: { name: true, scenarioId: true, endDate: true } },
      staff: { select: MAIL_PERSON_SELECT },
    },
  });
  const today = japanDate(now);
  const organisations = await organisationNames();
  for (const c of candidates) {
    const scenario = getScenario(c.campaign.scenarioId);
    if (!scenario || linkLastDay(c.campaign.endDate) < today) continue;
    const mail = renderFor(scenario, c.staff, organisations);
    if (senderAddress(report.sender) === mail.fromAddress.toLowerCase() && norm(report.subject) === norm(mail.subject))
      return c;
  }
  return null;
}

/** `text` cut to at most `maxBytes` of UTF-8, never inside a character. */
export function cutToBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text.slice(0, maxBytes), "utf8");
  if (bytes.length <= maxBytes) return bytes.toString("utf8");
  let end = maxBytes;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString("utf8");
}

/**
 * The reported mail to keep: cut to REPORT_RAW_MAX_BYTES, and none once the
 * mail kept in all would pass REPORT_RAW_QUOTA_BYTES — the report's facts
 * still reach the office, as anyone who reaches the listener could
 * otherwise fill the database.
 */
async function rawToKeep(raw: string | null | undefined) {
  if (!raw) return { raw: null, rawBytes: 0 };
  const kept = cutToBytes(raw, env.REPORT_RAW_MAX_BYTES);
  const rawBytes = Buffer.byteLength(kept);
  const { _sum } = await db.mailReport.aggregate({ _sum: { rawBytes: true } });
  if ((_sum.rawBytes ?? 0) + rawBytes > env.REPORT_RAW_QUOTA_BYTES) {
    log.warn("report inbox: the storage quota for reported mail is full; a report is kept without its mail");
    return { raw: null, rawBytes: 0 };
  }
  return { raw: kept, rawBytes };
}

/** How many reports by mail this envelope sender made in the hour before `now`, in every instance. */
export function reportsFromSenderInLastHour(envelopeFrom: string, now = new Date()) {
  return db.mailReport.count({
    where: { envelopeFrom: envelopeFrom.toLowerCase(), receivedAt: { gt: new Date(now.getTime() - 3_600_000) } },
  });
}

/**
 * Files a report: a drill report when it is about a drill mail and the
 * reporter is that mail's recipient (the message's first report is recorded
 * for the results, even after a click), otherwise a real report for the security office, grouped with identical
 * mails. The raw mail is kept for real reports only, within the limits of
 * rawToKeep.
 */
export async function fileReport(report: IncomingReport, now = new Date()): Promise<FiledReport> {
  const sender = report.sender.slice(0, 500);
  const subject = report.subject.slice(0, 500);
  const base = {
    via: report.via,
    reporterId: report.reporterId,
    reporterEmail: report.reporterEmail?.slice(0, 500) ?? null,
    envelopeFrom: report.envelopeFrom?.slice(0, 500).toLowerCase() ?? null,
    sender,
    subject,
    messageId: report.messageId?.slice(0, 500) ?? null,
    rawSize: report.rawSize,
    receivedAt: now,
    groupKey: reportGroupKey(sender, subject),
  };
  const drill = await matchDrill({ ...report, sender, subject, tokens: report.tokens.slice(0, 20) }, now);
  // A drill mail credits only its own recipient: someone else's forward of it
  // (or a forged sender) is for the office to look at, under the campaign.
  if (drill && drill.staffId !== report.reporterId) {
    const created = await db.mailReport.create({
      data: { ...base, reporterId: null, kind: "real", campaignId: drill.campaignId, ...(await rawToKeep(report.raw)) },
    });
    return { id: created.id, kind: "real", campaignName: null };
  }
  if (drill) {
    const created = await db.$transaction(async (tx) => {
      await tx.drillMessage.updateMany({ where: { id: drill.id, reportedAt: null }, data: { reportedAt: now } });
      return tx.mailReport.create({
        data: { ...base, kind: "drill", campaignId: drill.campaignId, drillMessageId: drill.id, triage: "no-issue" },
      });
    });
    return { id: created.id, kind: "drill", campaignName: drill.campaign.name };
  }
  const created = await db.mailReport.create({ data: { ...base, kind: "real", ...(await rawToKeep(report.raw)) } });
  return { id: created.id, kind: "real", campaignName: null };
}

/**
 * The active member of staff a mail may be credited to: the one whose Staff
 * mail is the mail's creditable address (creditableAddress), or whom the
 * city's report aliases name for it.
 */
export async function staffOfSender(envelopeFrom: string, headerFrom: string) {
  const address = creditableAddress(envelopeFrom, headerFrom);
  if (!address) return null;
  const select = { id: true, email: true } as const;
  const own = await db.staff.findFirst({
    where: { email: { in: [...new Set([address, senderAddress(headerFrom), headerFrom.trim()])] }, active: true },
    select,
  });
  if (own) return own;
  const employeeNumber = reportAliasLines((await getCity()).reportAliases)?.get(address);
  return employeeNumber ? db.staff.findFirst({ where: { employeeNumber, active: true }, select }) : null;
}

/** A mail to a drill sender domain, as the listener read it. */
export type IncomingReply = {
  envelopeFrom: string;
  headerFrom: string;
  inReplyTo: string | null;
  tokens: readonly string[];
};

/**
 * Records a reply to a drill's fake sender as 返信 on the drill mail it
 * answers (by In-Reply-To, else by the link quoted from it): a risk event
 * like a click, never a report. Only the mail's own recipient replying from
 * their own address counts (creditableAddress), so that nobody can put a
 * reply on someone else's record. Returns whether one was recorded.
 */
export async function recordReply(reply: IncomingReply, now = new Date()): Promise<boolean> {
  const replier = await staffOfSender(reply.envelopeFrom, reply.headerFrom);
  if (!replier) return false;
  const target = repliedDrill(reply.inReplyTo);
  const select = { id: true, status: true, staffId: true } as const;
  let message = target ? await db.drillMessage.findUnique({ where: { campaignId_staffId: target }, select }) : null;
  for (const token of reply.tokens) {
    if (message) break;
    message = await db.drillMessage.findUnique({ where: { tokenHash: hashToken(token) }, select });
  }
  if (!message || message.status !== "sent" || message.staffId !== replier.id) return false;
  await db.drillMessage.updateMany({ where: { id: message.id, repliedAt: null }, data: { repliedAt: now } });
  return true;
}

/** Reporter-unknown reports listed on a campaign's page; the count covers all of them. */
const UNKNOWN_SHOWN = 100;

/**
 * A campaign's reports by their standing: how many credited a recipient
 * (報告), and the mails about its drill mails that credited nobody
 * (reporter unknown: sent from an address that is not the recipient's, or
 * with a From that disagrees), which are in the triage queue.
 */
export async function campaignReports(campaignId: number) {
  const [credited, unknownCount, unknown] = await Promise.all([
    db.mailReport.count({ where: { campaignId, kind: "drill" } }),
    db.mailReport.count({ where: { campaignId, kind: "real" } }),
    db.mailReport.findMany({
      where: { campaignId, kind: "real" },
      orderBy: { receivedAt: "desc" },
      take: UNKNOWN_SHOWN,
      select: { id: true, via: true, envelopeFrom: true, reporterEmail: true, receivedAt: true, triage: true },
    }),
  ]);
  return { credited, unknownCount, unknown };
}

/** A person's own reports, newest first, with what the security office decided. */
export function ownReports(staffId: number) {
  return db.mailReport.findMany({
    where: { reporterId: staffId },
    orderBy: { id: "desc" },
    take: 50,
    select: {
      id: true,
      kind: true,
      sender: true,
      subject: true,
      receivedAt: true,
      triage: true,
      campaign: { select: { name: true } },
    },
  });
}

/**
 * The security office's queue: real reports grouped by identical mail,
 * with how many people reported it and since when. A group's status is its
 * latest report's: a new report after 問題なし puts the mail back on top.
 */
export async function triageQueue(filter: { triage?: TriageStatus } = {}) {
  const reports = await db.mailReport.findMany({
    where: { kind: "real" },
    orderBy: { receivedAt: "asc" },
    select: {
      id: true,
      groupKey: true,
      sender: true,
      subject: true,
      reporterId: true,
      reporterEmail: true,
      receivedAt: true,
      triage: true,
      notes: true,
      handlerId: true,
      handledAt: true,
    },
  });
  const groups = new Map<
    string,
    {
      groupKey: string;
      sender: string;
      subject: string;
      first: Date;
      last: Date;
      reporters: Set<string>;
      count: number;
      triage: string;
      notes: string;
      handlerId: number | null;
      handledAt: Date | null;
      reportIds: number[];
    }
  >();
  for (const r of reports) {
    const reporter = r.reporterId !== null ? `s${r.reporterId}` : `m${r.reporterEmail ?? r.id}`;
    const group = groups.get(r.groupKey);
    if (!group) {
      groups.set(r.groupKey, {
        groupKey: r.groupKey,
        sender: r.sender,
        subject: r.subject,
        first: r.receivedAt,
        last: r.receivedAt,
        reporters: new Set([reporter]),
        count: 1,
        triage: r.triage,
        notes: r.notes,
        handlerId: r.handlerId,
        handledAt: r.handledAt,
        reportIds: [r.id],
      });
      continue;
    }
    group.last = r.receivedAt;
    group.reporters.add(reporter);
    group.count++;
    group.triage = r.triage;
    group.notes = r.notes || group.notes;
    group.handlerId = r.handlerId ?? group.handlerId;
    group.handledAt = r.handledAt ?? group.handledAt;
    group.reportIds.push(r.id);
  }
  const handlers = new Map(
    (
      await db.staff.findMany({
        where: { id: { in: [...groups.values()].map((g) => g.handlerId).filter((id): id is number => id !== null) } },
        select: { id: true, name: true },
      })
    ).map((s) => [s.id, s.name]),
  );
  const order = (triage: string) => TRIAGE_STATUSES.indexOf(triage as TriageStatus);
  return [...groups.values()]
    .filter((g) => !filter.triage || g.triage === filter.triage)
    .map(({ reporters, ...g }) => ({
      ...g,
      people: reporters.size,
      handlerName: g.handlerId === null ? null : (handlers.get(g.handlerId) ?? null),
    }))
    .sort((a, b) => order(a.triage) - order(b.triage) || b.last.getTime() - a.last.getTime());
}

/** Sets the status and notes of every report of one mail, with the handler, audited. */
export async function updateTriage(
  actor: Actor,
  groupKey: string,
  triage: TriageStatus,
  notes: string,
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.mailReport.updateMany({
      where: { kind: "real", groupKey },
      data: { triage, notes, handlerId: actor.staffId, handledAt: now },
    });
    if (count > 0)
      await recordAudit(tx, actor, {
        action: "mail-report.triage",
        targetType: "mailReportGroup",
        targetId: groupKey.slice(0, 200),
        detail: { triage, notes, count },
      });
    return count;
  });
}

/** The reports of one mail, for the office to read. */
export function reportsOfGroup(groupKey: string) {
  return db.mailReport.findMany({
    where: { kind: "real", groupKey },
    orderBy: { receivedAt: "asc" },
    select: {
      id: true,
      via: true,
      sender: true,
      subject: true,
      messageId: true,
      rawSize: true,
      raw: true,
      receivedAt: true,
      reporterEmail: true,
      reporterId: true,
    },
  });
}

/**
 * A bulletin's title and body for a group of real reports ("this mail is
 * going round; do not open it; thank you to the 37 who reported it"), for
 * the security office to publish from the triage queue: the group of
 * `reportId`, or null when it is no real report. The office edits and
 * publishes it as any bulletin (bulletins.server.ts createBulletin).
 */
export async function bulletinFromReports(reportId: number): Promise<{ title: string; body: string } | null> {
  const report = await db.mailReport.findFirst({
    where: { id: reportId, campaignId: null },
    select: { groupKey: true, sender: true, subject: true },
  });
  if (!report) return null;
  const group = await db.mailReport.findMany({
    where: { groupKey: report.groupKey, campaignId: null },
    orderBy: { receivedAt: "asc" },
    select: { reporterId: true, reporterEmail: true, id: true, receivedAt: true },
  });
  const people = new Set(
    group.map((r) => (r.reporterId !== null ? `s${r.reporterId}` : `m${r.reporterEmail ?? r.id}`)),
  );
  const subject = originalSubject(report.subject);
  return {
    title: t("bulletinFromReports.title", { subject }).slice(0, 100),
    body: t("bulletinFromReports.body", {
      sender: senderAddress(report.sender),
      subject,
      people: people.size,
      since: formatDateTime(group[0]!.receivedAt),
    }),
  };
}
