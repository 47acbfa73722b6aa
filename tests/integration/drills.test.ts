import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { CLI_ACTOR } from "~/domain/audit.ts";
import { createCampaign, launchCampaign, resolveTargets } from "~/services/drill-campaigns.server.ts";
import { INTERRUPTED, sendDueMessages } from "~/services/drill-sender.server.ts";
import { linkToken } from "~/services/drill-tokens.server.ts";
import { getCity } from "~/services/city.server.ts";
import { closeSmtpTransport } from "~/services/mail.server.ts";
import { triageQueue } from "~/services/mail-reports.server.ts";
import { campaignResults, lastDrillFigures } from "~/services/drill-results.server.ts";
import { loader as campaignLoader } from "~/routes/drills.$campaignId._index.tsx";
import { createStaff } from "./factories.ts";
import { startReportInbox } from "~/services/report-inbox.server.ts";
import { loader as drillLoader, action as drillAction } from "~/routes/d.$token.tsx";
import { action as reportAction, loader as reportLoader } from "~/routes/report.tsx";
import { iso2022jp, recipientOf, staffWithMail, tokenInMail } from "./drill-mail.ts";
import { startSmtpSink } from "./smtp-sink-process.ts";
import { call, requestAs } from "./remix.ts";

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let inbox: Awaited<ReturnType<typeof startReportInbox>>;
const people = {} as Record<
  "clicker" | "scanned" | "retried" | "refused" | "inactive" | "noMail" | "outsider",
  { id: number; email: string | null; employeeNumber: string; name: string }
>;
let campaignId: number;
const received = new Map<string, Buffer>();

/** A mail program forwarding to Mamori's report address. */
const forwarder = () =>
  nodemailer.createTransport({ host: "127.0.0.1", port: inbox.port, secure: false, ignoreTLS: true });

beforeAll(async () => {
  sink = await startSmtpSink({ SINK_TEMP_FAIL: "retried@city.example.jp", SINK_PERM_FAIL: "refused@city.example.jp" });
  env.SMTP_URL = sink.url;
  closeSmtpTransport();
  await db.citySettings.update({ where: { id: 1 }, data: { reportAddress: "report@city.example.jp" } });
  // This process is the city's mail server.
  inbox = await startReportInbox({ port: 0, host: "127.0.0.1", maxBytes: 64 * 1024, trustedRelays: ["127.0.0.1"] });
  people.clicker = await staffWithMail("clicker@city.example.jp", { organisationId: "fire", section: "警防課" });
  people.scanned = await staffWithMail("scanned@city.example.jp", { organisationId: "fire", section: "警防課" });
  people.retried = await staffWithMail("retried@city.example.jp", { organisationId: "fire", section: "警防課" });
  people.refused = await staffWithMail("refused@city.example.jp", { organisationId: "fire", section: "警防課" });
  people.inactive = await staffWithMail("gone@city.example.jp", {
    organisationId: "fire",
    section: "警防課",
    active: false,
  });
  people.noMail = await staffWithMail(null, { organisationId: "fire", section: "警防課" });
  people.outsider = await staffWithMail("outsider@city.example.jp", { organisationId: "mayor" });
  const section = await db.section.findFirstOrThrow({ where: { organisationId: "fire", name: "警防課" } });
  const now = Date.now();
  const campaign = await createCampaign(CLI_ACTOR, {
    name: "警防課 訓練",
    scenarioId: "training-thanks",
    targets: { kind: "filter", sectionId: section.id },
    windowStart: new Date(now - 60_000),
    windowEnd: new Date(now + 3_600_000),
    businessHoursOnly: false,
    endDate: "2026-12-31",
  });
  campaignId = campaign.id;
});

afterAll(async () => {
  closeSmtpTransport();
  await inbox?.close();
  await sink?.stop();
});

describe("a drill through a real SMTP server", () => {
  it("targets a section, listing inactive staff and staff without mail as skipped", async () => {
    const section = await db.section.findFirstOrThrow({ where: { organisationId: "fire", name: "警防課" } });
    const { recipients, skipped } = await resolveTargets({ kind: "filter", sectionId: section.id });
    expect(recipients.map((r) => r.id).sort()).toEqual(
      [people.clicker.id, people.scanned.id, people.retried.id, people.refused.id].sort(),
    );
    expect(skipped.map((s) => [s.employeeNumber, s.reason]).sort()).toEqual(
      [
        [people.inactive.employeeNumber, "inactive"],
        [people.noMail.employeeNumber, "no-email"],
      ].sort(),
    );
    const list = await resolveTargets({ kind: "list", employeeNumbers: [people.outsider.employeeNumber, "NOPE-1"] });
    expect(list.recipients.map((r) => r.id)).toEqual([people.outsider.id]);
    expect(list.skipped).toEqual([{ employeeNumber: "NOPE-1", name: null, reason: "unknown-number" }]);
  });

  it("refuses to launch a draft whose window runs for centuries, at once and queueing nothing", async () => {
    const section = await db.section.findFirstOrThrow({ where: { organisationId: "fire", name: "警防課" } });
    // Saved before the form bounded the window.
    const old = await createCampaign(CLI_ACTOR, {
      name: "長すぎる訓練",
      scenarioId: "training-thanks",
      targets: { kind: "filter", sectionId: section.id },
      windowStart: new Date(Date.now() - 60_000),
      windowEnd: new Date("9999-12-31T08:00:00Z"),
      businessHoursOnly: true,
      endDate: "9999-12-31",
    });
    const started = performance.now();
    await expect(launchCampaign(CLI_ACTOR, old.id)).rejects.toThrow("windowTooLong");
    expect(performance.now() - started).toBeLessThan(500);
    expect(await db.drillMessage.count({ where: { campaignId: old.id } })).toBe(0);
    expect((await db.drillCampaign.findUniqueOrThrow({ where: { id: old.id } })).status).toBe("draft");
  });

  it("queues one message per recipient at random times within the window", async () => {
    const { queued, skipped } = await launchCampaign(CLI_ACTOR, campaignId);
    expect(queued).toBe(4);
    expect(skipped).toHaveLength(2);
    const messages = await db.drillMessage.findMany({ where: { campaignId } });
    const campaign = await db.drillCampaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(campaign.status).toBe("scheduled");
    for (const m of messages) {
      expect(m.status).toBe("queued");
      // The link's token is fixed by the message's place, so a resent mail carries the same link.
      expect(m.tokenHash).toBe(linkToken(campaignId, m.staffId).hash);
      expect(m.nextTryAt.getTime()).toBeLessThanOrEqual(campaign.windowEnd.getTime());
    }
    await expect(launchCampaign(CLI_ACTOR, campaignId)).rejects.toThrow("notDraft");
  });

  it("sends, retries a temporary failure, records a permanent one", async () => {
    // Bring every send time to now, as if the window had passed.
    await db.drillMessage.updateMany({ where: { campaignId }, data: { nextTryAt: new Date() } });
    const first = await sendDueMessages({ perMinute: 60_000 });
    expect(first).toEqual({ sent: 2, retry: 1, failed: 1 });
    const retried = await db.drillMessage.findFirstOrThrow({ where: { staffId: people.retried.id } });
    expect(retried.status).toBe("queued");
    expect(retried.error).toMatch(/451/);
    expect(retried.nextTryAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    const refused = await db.drillMessage.findFirstOrThrow({ where: { staffId: people.refused.id } });
    expect(refused.status).toBe("failed");
    expect(refused.error).toMatch(/550/);
    // The back-off has passed.
    await db.drillMessage.update({ where: { id: retried.id }, data: { nextTryAt: new Date() } });
    expect(await sendDueMessages({ perMinute: 60_000 })).toEqual({ sent: 1, retry: 0, failed: 0 });
    expect(await sendDueMessages({ perMinute: 60_000 })).toEqual({ sent: 0, retry: 0, failed: 0 });
    expect((await db.drillCampaign.findUniqueOrThrow({ where: { id: campaignId } })).status).toBe("sending");

    const mails = sink.mails();
    expect(mails.map(recipientOf).sort()).toEqual(
      ["clicker@city.example.jp", "retried@city.example.jp", "scanned@city.example.jp"].sort(),
    );
    for (const raw of mails) received.set(recipientOf(raw), raw);
    const text = received.get("clicker@city.example.jp")!.toString("utf8");
    expect(text).toMatch(/^X-Mamori-Drill: \d+/m);
    expect(text).toMatch(/kenshu-jimukyoku@city-hall\.example\.jp/);
  });

  it("stores only a hash of each link's token", async () => {
    const token = await tokenInMail(received.get("clicker@city.example.jp")!);
    expect(token).toHaveLength(43);
    const rows = await db.drillMessage.findMany({ where: { campaignId } });
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("counts a click only when the page confirms it, and assigns the follow-up course", async () => {
    const token = await tokenInMail(received.get("clicker@city.example.jp")!);
    const page = await call(drillLoader as never, new Request(`http://localhost/d/${token}`), { token });
    expect(page.status).toBe(200);
    // The teaching page names where to forward suspicious mail: the city's own address.
    expect(((await page.json()) as { address: string }).address).toBe((await getCity()).reportAddress);
    let message = await db.drillMessage.findFirstOrThrow({ where: { staffId: people.clicker.id } });
    expect(message.firstFetchAt).not.toBeNull();
    expect(message.clickedAt).toBeNull();

    const confirm = await call(
      drillAction as never,
      new Request(`http://localhost/d/${token}`, { method: "POST", body: new URLSearchParams({ intent: "click" }) }),
      { token },
    );
    expect(confirm.status).toBe(200);
    message = await db.drillMessage.findFirstOrThrow({ where: { staffId: people.clicker.id } });
    expect(message.clickedAt).not.toBeNull();
    expect(message.openedAttachmentAt).toBeNull(); // a link scenario, not an attachment
    const followUp = await db.assignment.findMany({
      where: { staffId: people.clicker.id, trackId: "drill-follow-up" },
    });
    expect(followUp).toMatchObject([{ cycleKey: `DRILL-C${campaignId}`, dueDate: "2026-12-09" }]);
  });

  it("does not count a scanner's fetch as a click", async () => {
    const token = await tokenInMail(received.get("scanned@city.example.jp")!);
    expect((await call(drillLoader as never, new Request(`http://localhost/d/${token}`), { token })).status).toBe(200);
    const message = await db.drillMessage.findFirstOrThrow({ where: { staffId: people.scanned.id } });
    expect(message.firstFetchAt).not.toBeNull();
    expect(message.clickedAt).toBeNull();
    expect(await db.assignment.count({ where: { staffId: people.scanned.id, trackId: "drill-follow-up" } })).toBe(0);
  });

  it("refuses unknown tokens, and malformed events", async () => {
    const bogus = "A".repeat(43);
    expect(
      (await call(drillLoader as never, new Request(`http://localhost/d/${bogus}`), { token: bogus })).status,
    ).toBe(404);
    const token = await tokenInMail(received.get("scanned@city.example.jp")!);
    const bad = await call(
      drillAction as never,
      new Request(`http://localhost/d/${token}`, {
        method: "POST",
        body: new URLSearchParams({ intent: "password", value: "x" }),
      }),
      { token },
    );
    expect(bad.status).toBe(400);
  });

  /** A forward of clicker's drill mail as an attachment, with this envelope and header From. */
  const forwardOfClickersMail = (envelopeFrom: string, headerFrom: string, to = "report@city.example.jp") =>
    forwarder().sendMail({
      envelope: { from: envelopeFrom, to },
      from: headerFrom,
      to,
      subject: "Fwd: 不審なメール",
      text: "不審なメールが届きました。",
      attachments: [
        {
          filename: "suspicious.eml",
          content: received.get("clicker@city.example.jp")!,
          contentType: "message/rfc822",
        },
      ],
    });

  const clickersReportedAt = async () =>
    (await db.drillMessage.findFirstOrThrow({ where: { staffId: people.clicker.id } })).reportedAt;

  it("credits nobody for a forward from an address that is not staff: triage, reporter unknown, under the campaign", async () => {
    await forwardOfClickersMail("someone@freemail.example", "someone@freemail.example");
    const report = await db.mailReport.findFirstOrThrow({ where: { envelopeFrom: "someone@freemail.example" } });
    expect(report).toMatchObject({ kind: "real", reporterId: null, campaignId, drillMessageId: null });
    expect(await clickersReportedAt()).toBeNull();
    const queue = await triageQueue();
    expect(queue.some((g) => g.reportIds.includes(report.id))).toBe(true);
  });

  it("credits nobody when the header From is forged to a member of staff", async () => {
    await forwardOfClickersMail("someone@freemail.example", "clicker@city.example.jp");
    // Another member of staff's own envelope, with the recipient's name written in From.
    await forwardOfClickersMail("outsider@city.example.jp", "clicker@city.example.jp");
    const reports = await db.mailReport.findMany({ where: { reporterEmail: "clicker@city.example.jp" } });
    expect(reports).toHaveLength(2);
    for (const report of reports) expect(report).toMatchObject({ kind: "real", reporterId: null });
    expect(await clickersReportedAt()).toBeNull();
  });

  it("refuses a client that is not one of the trusted relays, at connection", async () => {
    const guarded = await startReportInbox({ port: 0, host: "127.0.0.1", trustedRelays: ["192.0.2.25"] });
    try {
      const before = await db.mailReport.count();
      await expect(
        nodemailer
          .createTransport({ host: "127.0.0.1", port: guarded.port, secure: false, ignoreTLS: true })
          .sendMail({ from: "clicker@city.example.jp", to: "report@city.example.jp", subject: "x", text: "x" }),
      ).rejects.toMatchObject({ responseCode: 554 });
      expect(await db.mailReport.count()).toBe(before);
    } finally {
      await guarded.close();
    }
  });

  it("answers 550 for a recipient other than the report address", async () => {
    const before = await db.mailReport.count();
    await expect(
      forwardOfClickersMail(
        "clicker@city.example.jp",
        "clicker@city.example.jp",
        "kenshu-jimukyoku@city-hall.example.jp",
      ),
    ).rejects.toMatchObject({ responseCode: 550 });
    expect(await db.mailReport.count()).toBe(before);
    expect(await clickersReportedAt()).toBeNull();
  });

  it("records a reply to the drill's fake sender as 返信, counted in the results and the committee report, never as 報告", async () => {
    await db.citySettings.update({ where: { id: 1 }, data: { replyDomains: "city-hall.example.jp" } });
    const { simpleParser } = await import("mailparser");
    const original = await simpleParser(received.get("scanned@city.example.jp")!);
    const before = await db.mailReport.count();
    await forwarder().sendMail({
      from: "scanned@city.example.jp",
      to: original.from!.text,
      subject: `Re: ${original.subject}`,
      inReplyTo: original.messageId,
      references: original.messageId,
      text: `確認しました。\n\n> ${original.text!.split("\n").join("\n> ")}`,
    });
    const message = await db.drillMessage.findFirstOrThrow({ where: { staffId: people.scanned.id } });
    expect(message.repliedAt).not.toBeNull();
    expect(message.reportedAt).toBeNull();
    expect(await db.mailReport.count()).toBe(before);
    const { totals } = await campaignResults(campaignId, {});
    expect(totals).toMatchObject({ replied: 1, replyRate: 1 / 3, reported: 0 });
    expect((await lastDrillFigures({}))?.figures).toMatchObject({ replied: 1 });
  });

  it("files a drill report when the received mail is forwarded as an attachment through a trusted relay, even after a click", async () => {
    await forwarder().sendMail({
      from: "clicker@city.example.jp",
      to: "report@city.example.jp",
      subject: "Fwd: 不審なメール",
      text: "不審なメールが届きました。",
      attachments: [
        {
          filename: "suspicious.eml",
          content: received.get("clicker@city.example.jp")!,
          contentType: "message/rfc822",
        },
      ],
    });
    const report = await db.mailReport.findFirstOrThrow({
      where: { reporterEmail: "clicker@city.example.jp", kind: "drill" },
    });
    expect(report).toMatchObject({ kind: "drill", via: "mail", campaignId, reporterId: people.clicker.id });
    const message = await db.drillMessage.findFirstOrThrow({ where: { staffId: people.clicker.id } });
    expect(report.drillMessageId).toBe(message.id);
    expect(message.reportedAt).not.toBeNull();
    expect(report.raw).toBeNull(); // a drill mail is not kept
  });

  it("shows on the campaign page the reports credited to recipients and those whose reporter is unknown", async () => {
    const hr = await createStaff({ role: "HR" });
    const page = (await (
      await call(campaignLoader as never, await requestAs(hr, `/drills/${campaignId}`), {
        campaignId: String(campaignId),
      })
    ).json()) as { reports: { credited: number; unknownCount: number; unknown: { envelopeFrom: string }[] } };
    expect(page.reports.credited).toBe(1);
    expect(page.reports.unknownCount).toBe(3);
    expect(page.reports.unknown.map((r) => r.envelopeFrom).sort()).toEqual(
      ["outsider@city.example.jp", "someone@freemail.example", "someone@freemail.example"].sort(),
    );
  });

  it("credits a forward from an address the city lists as a report alias of the recipient", async () => {
    await db.citySettings.update({
      where: { id: 1 },
      data: { reportAliases: `kikaku.clicker@city.example.jp ${people.clicker.employeeNumber}` },
    });
    await forwardOfClickersMail("kikaku.clicker@city.example.jp", "Kikaku.Clicker@city.example.jp");
    const report = await db.mailReport.findFirstOrThrow({ where: { envelopeFrom: "kikaku.clicker@city.example.jp" } });
    expect(report).toMatchObject({ kind: "drill", campaignId, reporterId: people.clicker.id });
  });

  it("files a drill report when the mail is forwarded inline", async () => {
    const { simpleParser } = await import("mailparser");
    const original = await simpleParser(received.get("scanned@city.example.jp")!);
    await forwarder().sendMail({
      from: "scanned@city.example.jp",
      to: "report@city.example.jp",
      subject: `FW: ${original.subject}`,
      text: `---------- Forwarded message ----------\nFrom: ${original.from?.text}\nSubject: ${original.subject}\n\n${original.text}`,
    });
    const message = await db.drillMessage.findFirstOrThrow({ where: { staffId: people.scanned.id } });
    expect(message.reportedAt).not.toBeNull();
    expect(message.clickedAt).toBeNull();
  });

  it("files anything else as a real report, grouped with identical mails, in ISO-2022-JP too", async () => {
    const phishing = (from: string) =>
      Buffer.concat([
        Buffer.from(
          `From: ${from}\r\nTo: report@city.example.jp\r\nSubject: =?ISO-2022-JP?B?${iso2022jp("請求書の送付").toString("base64")}?=\r\n` +
            `Date: Mon, 30 Nov 2026 09:12:00 +0900\r\nMessage-ID: <p-${from}@example.net>\r\nMIME-Version: 1.0\r\n` +
            `Content-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: 7bit\r\n\r\n`,
        ),
        iso2022jp(
          "差出人: 経理部 <billing@invoice.example.net>\r\n件名: 請求書の送付\r\n\r\n添付の請求書をご確認ください。\r\n",
        ),
      ]);
    for (const from of ["clicker@city.example.jp", "outsider@city.example.jp"]) {
      await forwarder().sendMail({ envelope: { from, to: "report@city.example.jp" }, raw: phishing(from) });
    }
    const reports = await db.mailReport.findMany({ where: { kind: "real", campaignId: null } });
    expect(reports).toHaveLength(2);
    expect(reports.map((r) => r.reporterId).sort()).toEqual([people.clicker.id, people.outsider.id].sort());
    expect(reports[0]!.subject).toBe("請求書の送付");
    expect(reports[0]!.sender).toBe("経理部 <billing@invoice.example.net>");
    expect(reports[0]!.groupKey).toBe(reports[1]!.groupKey);
    const queue = await triageQueue();
    expect(queue.filter((g) => g.subject === "請求書の送付")).toMatchObject([{ people: 2, count: 2, triage: "open" }]);
  });

  it("refuses what is not a mail, and mail over the size limit", async () => {
    const before = await db.mailReport.count();
    await expect(
      forwarder().sendMail({ envelope: { from: "x@city.example.jp", to: "report@city.example.jp" }, raw: "hello\r\n" }),
    ).rejects.toMatchObject({ responseCode: 554 });
    await expect(
      forwarder().sendMail({
        from: "x@city.example.jp",
        to: "report@city.example.jp",
        subject: "big",
        text: "x".repeat(200_000),
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(await db.mailReport.count()).toBe(before);
  });

  it("recognises a drill reported with the button by sender and subject, and says so", async () => {
    const { simpleParser } = await import("mailparser");
    const original = await simpleParser(received.get("retried@city.example.jp")!);
    const response = await call(
      reportAction as never,
      await requestAs(people.retried, "/report", {
        form: { sender: original.from!.text, subject: original.subject!, raw: "" },
      }),
    );
    expect(await response.json()).toMatchObject({ ok: true, kind: "drill", campaignName: "警防課 訓練" });
    const message = await db.drillMessage.findFirstOrThrow({ where: { staffId: people.retried.id } });
    expect(message.reportedAt).not.toBeNull();
  });

  it("files a button report of another mail as real, and shows reporters their own reports", async () => {
    const response = await call(
      reportAction as never,
      await requestAs(people.outsider, "/report", {
        form: { sender: "admin@bank.example.com", subject: "口座の確認" },
      }),
    );
    expect(await response.json()).toMatchObject({ ok: true, kind: "real" });
    const page = (await (await call(reportLoader as never, await requestAs(people.outsider, "/report"))).json()) as {
      reports: { subject: string; triage: string }[];
      address: string;
    };
    expect(page.reports.map((r) => r.subject)).toEqual(["口座の確認", "請求書の送付"]);
    expect(page.address).toBe((await getCity()).reportAddress);
    const empty = await call(
      reportAction as never,
      await requestAs(people.outsider, "/report", { form: { sender: "", subject: "x" } }),
    );
    expect(empty.status).toBe(400);
  });

  it("stops links working 30 days after the end date", async () => {
    const token = await tokenInMail(received.get("clicker@city.example.jp")!);
    await db.drillCampaign.update({ where: { id: campaignId }, data: { endDate: "2026-10-25" } }); // + 30 = 11-24 < today
    expect((await call(drillLoader as never, new Request(`http://localhost/d/${token}`), { token })).status).toBe(404);
    await db.drillCampaign.update({ where: { id: campaignId }, data: { endDate: "2026-10-26" } });
    expect((await call(drillLoader as never, new Request(`http://localhost/d/${token}`), { token })).status).toBe(200);
  });

  it("sends again, identical, a message whose sender stopped mid-send; gives up on one that keeps stopping it", async () => {
    const resumed = await staffWithMail("resumed@city.example.jp", { organisationId: "fire" });
    const poison = await staffWithMail("poison@city.example.jp", { organisationId: "fire" });
    const stopped = (staffId: number, attempts: number) =>
      db.drillMessage.create({
        data: {
          campaignId,
          staffId,
          status: "sending",
          attempts,
          tokenHash: linkToken(campaignId, staffId).hash,
          nextTryAt: new Date(),
          leaseUntil: new Date(Date.now() - 1000),
        },
      });
    const again = await stopped(resumed.id, 1);
    const givenUp = await stopped(poison.id, 6);
    // Its lease still running, another sender may be sending it: left alone.
    await db.drillMessage.update({ where: { id: again.id }, data: { leaseUntil: new Date(Date.now() + 60_000) } });
    expect(await sendDueMessages({ perMinute: 60_000 })).toEqual({ sent: 0, retry: 0, failed: 0 });
    await db.drillMessage.update({ where: { id: again.id }, data: { leaseUntil: new Date(Date.now() - 1000) } });

    expect(await sendDueMessages({ perMinute: 60_000 })).toEqual({ sent: 1, retry: 0, failed: 0 });
    expect(await db.drillMessage.findUniqueOrThrow({ where: { id: again.id } })).toMatchObject({
      status: "sent",
      attempts: 2,
      error: null,
    });
    expect(await db.drillMessage.findUniqueOrThrow({ where: { id: givenUp.id } })).toMatchObject({
      status: "failed",
      error: INTERRUPTED,
    });
    const mail = sink.mails().find((raw) => recipientOf(raw) === "resumed@city.example.jp")!;
    expect(await tokenInMail(mail)).toBe(linkToken(campaignId, resumed.id).token);
    expect(mail.toString("utf8")).toMatch(new RegExp(`^Message-ID: <drill\\.${campaignId}\\.${resumed.id}@`, "m"));
  });
});
