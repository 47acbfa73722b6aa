import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Actor } from "~/domain/audit.ts";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { t } from "~/lib/i18n.ts";
import { daysBetweenIfDates, isCalendarDate } from "~/domain/fiscal-year.ts";
import { formatJapaneseDate } from "~/domain/japanese-date.ts";
import { recordAudit } from "./audit.server.ts";
import { smtpTransport } from "./mail.server.ts";

export type ReminderMessage = {
  staffId: number;
  employeeNumber: string;
  to: string | null;
  subject: string;
  body: string;
};

/** Whom a reminder run is limited to: chosen people, within a manager's scope for a manager. */
export type ReminderSelection = { staffIds: number[]; organisationId?: string; sectionId?: number };

/** Active staff with overdue training and no reminder yet today (of `only`, when given), with their messages. */
export async function pendingReminders(today: string, only?: ReminderSelection): Promise<ReminderMessage[]> {
  const overdue = await db.assignment.findMany({
    where: {
      completedAt: null,
      dueDate: { lt: today },
      staff: {
        active: true,
        reminders: { none: { day: today } },
        ...(only ? { id: { in: only.staffIds }, organisationId: only.organisationId, sectionId: only.sectionId } : {}),
      },
    },
    orderBy: [{ staffId: "asc" }, { dueDate: "asc" }],
    select: {
      staffId: true,
      trackId: true,
      dueDate: true,
      staff: { select: { name: true, employeeNumber: true, email: true } },
    },
  });
  const tracks = new Map((await db.track.findMany({ select: { id: true, name: true } })).map((tr) => [tr.id, tr.name]));
  const byStaff = new Map<number, typeof overdue>();
  for (const row of overdue) byStaff.set(row.staffId, [...(byStaff.get(row.staffId) ?? []), row]);
  return [...byStaff.values()].map((rows) => {
    const { staff, staffId } = rows[0]!;
    const lines = rows.map((r) =>
      t("reminder.line", {
        track: tracks.get(r.trackId) ?? r.trackId,
        due: isCalendarDate(r.dueDate) ? formatJapaneseDate(r.dueDate, { weekday: true }) : r.dueDate,
        days: daysBetweenIfDates(r.dueDate, today) ?? "—",
      }),
    );
    const body = [
      t("reminder.greeting", { name: staff.name }),
      "",
      t("reminder.body"),
      ...lines,
      "",
      t("reminder.link", { url: env.APP_URL }),
      "",
      t("reminder.footer"),
    ].join("\n");
    return { staffId, employeeNumber: staff.employeeNumber, to: staff.email, subject: t("reminder.subject"), body };
  });
}

export type Channel = "smtp" | "file";

/** The channel deliverMail will use for a person with (or without) a mail address. */
export function mailChannel(to: string | null): Channel {
  return env.SMTP_URL && to ? "smtp" : "file";
}

/**
 * Delivers one message: SMTP when configured and the person has an address,
 * else the outbox file. Mamori's one way out by mail: reminders and
 * bulletins (bulletins.server.ts) both go through it.
 */
export async function deliverMail(
  message: Pick<ReminderMessage, "employeeNumber" | "to" | "subject" | "body">,
  today: string,
): Promise<Channel> {
  if (mailChannel(message.to) === "smtp" && message.to) {
    await smtpTransport()!.sendMail({
      from: env.MAIL_FROM,
      to: message.to,
      subject: message.subject,
      text: message.body,
    });
    return "smtp";
  }
  // Inside a closed network without mail, the city's own system picks these up.
  mkdirSync(env.REMINDER_OUTBOX, { recursive: true });
  const entry = [
    `To: ${message.to ?? `(職員番号 ${message.employeeNumber})`}`,
    `Subject: ${message.subject}`,
    "",
    message.body,
    "",
    "----",
    "",
  ];
  appendFileSync(join(env.REMINDER_OUTBOX, `reminders-${today}.txt`), entry.join("\n"));
  return "file";
}

/**
 * Sends today's reminders, at most one per person per day: the (staff, day)
 * row is claimed before sending, so a second run, even a concurrent one,
 * sends nothing twice. With `dryRun`, only says what it would send.
 */
export async function sendReminders(today: string, { dryRun, only }: { dryRun: boolean; only?: ReminderSelection }) {
  const messages = await pendingReminders(today, only);
  if (dryRun) return { messages, sent: 0, smtp: 0, file: 0 };
  const counts = { smtp: 0, file: 0 };
  for (const message of messages) {
    try {
      await db.reminder.create({
        data: { staffId: message.staffId, day: today, channel: mailChannel(message.to) },
      });
    } catch {
      continue; // someone else claimed this person today
    }
    try {
      counts[await deliverMail(message, today)]++;
    } catch (error) {
      await db.reminder.delete({ where: { staffId_day: { staffId: message.staffId, day: today } } });
      throw error;
    }
  }
  return { messages, sent: counts.smtp + counts.file, ...counts };
}

/**
 * Reminds the people chosen on the report's overdue page, today, through the
 * same channel and once-a-day rule as `npm run reminders`; audited. Someone
 * already reminded today, or with nothing overdue, is counted as skipped.
 */
export async function remindSelected(actor: Actor, today: string, only: ReminderSelection) {
  const result = await sendReminders(today, { dryRun: false, only });
  await recordAudit(db, actor, {
    action: "report.remind",
    targetType: "staff",
    detail: { staffIds: only.staffIds, sent: result.sent, smtp: result.smtp, file: result.file },
  });
  return { chosen: only.staffIds.length, sent: result.sent, skipped: only.staffIds.length - result.sent };
}
