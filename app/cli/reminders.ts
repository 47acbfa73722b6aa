/**
 * `npm run reminders [-- --dry-run]`: reminds every active member of staff
 * with overdue training, at most once a day each. Mail goes through
 * SMTP_URL when set; otherwise (a closed network) messages are appended to
 * REMINDER_OUTBOX/reminders-YYYY-MM-DD.txt. --dry-run prints the messages
 * and sends nothing. Then mails the bulletins marked "by mail" whose day
 * has come to the staff who have not read them, once each (skipped by
 * --dry-run). Ends with one JSON line: pending, sent, smtp, file, bulletins.
 */
import { today } from "~/lib/clock.server.ts";
import { db } from "~/lib/db.server.ts";
import { mailDueBulletins } from "~/services/bulletins.server.ts";
import { sendReminders } from "~/services/reminders.server.ts";
import { cliOptions } from "./options.ts";

const dryRun =
  cliOptions("npm run reminders [-- --dry-run]", { "dry-run": { type: "boolean" } }).values["dry-run"] ?? false;
try {
  const result = await sendReminders(today(), { dryRun });
  if (dryRun) {
    for (const m of result.messages) {
      console.log(`To: ${m.to ?? `(職員番号 ${m.employeeNumber})`}\nSubject: ${m.subject}\n\n${m.body}\n----`);
    }
  }
  const { messages, ...counts } = result;
  const bulletins = dryRun ? null : await mailDueBulletins(today());
  console.log(JSON.stringify({ dryRun, pending: messages.length, ...counts, bulletins }));
} finally {
  await db.$disconnect();
}
