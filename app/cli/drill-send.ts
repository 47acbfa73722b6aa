/**
 * `npm run drills:send [-- --once]`: runs the drill sender on its own, for a
 * host that sends drill mail without serving pages (the app server runs the
 * same sender in the background). --once sends what is due and exits,
 * printing {"sent","retry","failed"}; otherwise it keeps sending until
 * SIGTERM or SIGINT, finishing the message in hand.
 */
import { db } from "~/lib/db.server.ts";
import { closeSmtpTransport } from "~/services/mail.server.ts";
import { sendDueMessages, startDrillSender } from "~/services/drill-sender.server.ts";

if (process.argv.includes("--once")) {
  try {
    console.log(JSON.stringify(await sendDueMessages()));
  } finally {
    closeSmtpTransport();
    await db.$disconnect();
  }
} else {
  const stop = startDrillSender();
  const finish = async () => {
    await stop();
    closeSmtpTransport();
    await db.$disconnect();
    process.exit(0);
  };
  process.on("SIGTERM", finish);
  process.on("SIGINT", finish);
}
