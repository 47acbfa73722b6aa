import { readFileSync, rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { BulletinInput } from "~/domain/bulletin-form.ts";
import { db } from "~/lib/db.server.ts";
import { loader as homeLoader } from "~/routes/_index.tsx";
import { action as adminAction, loader as bulletinsPage } from "~/routes/admin.bulletins.tsx";
import { loader as archiveLoader } from "~/routes/bulletins._index.tsx";
import { action as receiptAction, loader as bulletinLoader } from "~/routes/bulletins.$bulletinId.tsx";
import { loader as exportLoader } from "~/routes/reports.bulletins.export.$table.ts";
import { loader as reportLoader } from "~/routes/reports.bulletins.$bulletinId.tsx";
import { bulletinReport, createBulletin, mailDueBulletins } from "~/services/bulletins.server.ts";
import { fileReport } from "~/services/mail-reports.server.ts";
import { createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

const TODAY = "2026-11-25"; // MAMORI_TODAY in tests/integration/setup-db.ts

type Person = { id: number };

const input = (overrides: Partial<BulletinInput> = {}): BulletinInput => ({
  title: "不審メールに注意",
  body: "添付ファイルを開かないでください [[4]]。",
  publishOn: "2026-11-20",
  mustConfirm: false,
  byMail: false,
  organisationIds: [],
  employeeTypeCodes: [],
  roles: [],
  ...overrides,
});

async function publish(overrides: Partial<BulletinInput> = {}) {
  const hr = await createStaff({ role: "HR" });
  const created = await createBulletin(input(overrides), { staffId: hr.id, address: "203.0.113.7" });
  if (!created.ok) throw new Error(created.error);
  return created.id;
}

async function home(person: Person) {
  return (await call(homeLoader, await requestAs(person, "/"))).json() as Promise<{
    bulletins: { id: number; html: string; cited: { id: string }[] }[];
  }>;
}

async function press(person: Person, bulletinId: number, intent: string) {
  const form = { intent, redirectTo: "/" };
  return call(receiptAction, await requestAs(person, `/bulletins/${bulletinId}`, { form }), {
    bulletinId: String(bulletinId),
  });
}

describe("bulletin audience", () => {
  it("a bulletin for 会計年度任用職員 never reaches anyone else: not the home page, archive, page nor receipts", async () => {
    const id = await publish({ title: "会計年度任用職員の皆さんへ", employeeTypeCodes: ["fiscal-year"] });
    const fiscal = await createStaff({ employeeTypeCode: "fiscal-year", organisationId: "fire" });
    const others = await Promise.all(
      ["regular", "reappointed", "special"].map((employeeTypeCode) => createStaff({ employeeTypeCode })),
    );
    const manager = await createStaff({ role: "MANAGER", organisationId: "fire" });

    expect((await home(fiscal)).bulletins.map((b) => b.id)).toContain(id);
    for (const person of [...others, manager]) {
      expect((await home(person)).bulletins.map((b) => b.id)).not.toContain(id);
      const archive = await (await call(archiveLoader, await requestAs(person, "/bulletins"))).json();
      expect(archive.bulletins.map((b: { id: number }) => b.id)).not.toContain(id);
      const page = await call(bulletinLoader, await requestAs(person, `/bulletins/${id}`), { bulletinId: String(id) });
      expect(page.status).toBe(404);
      expect((await press(person, id, "confirm")).status).toBe(404);
    }
    expect(await db.bulletinReceipt.count({ where: { bulletinId: id } })).toBe(0);
  });

  it("shows nothing before its publish day", async () => {
    const id = await publish({ publishOn: "2026-12-01" });
    const person = await createStaff();
    expect((await home(person)).bulletins.map((b) => b.id)).not.toContain(id);
    expect((await press(person, id, "read")).status).toBe(404);
  });
});

describe("read receipts", () => {
  it("records a read once, however often the button is pressed, and takes the bulletin off the home page", async () => {
    const id = await publish();
    const person = await createStaff();
    expect((await home(person)).bulletins.map((b) => b.id)).toContain(id);
    const first = await press(person, id, "read");
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe("/");
    const receipt = await db.bulletinReceipt.findUniqueOrThrow({
      where: { bulletinId_staffId: { bulletinId: id, staffId: person.id } },
    });
    await press(person, id, "read");
    await press(person, id, "read");
    const rows = await db.bulletinReceipt.findMany({ where: { bulletinId: id, staffId: person.id } });
    expect(rows).toEqual([receipt]);
    expect(receipt.confirmedAt).toBeNull();
    expect((await home(person)).bulletins.map((b) => b.id)).not.toContain(id);
  });

  it("keeps a must-confirm bulletin on the home page until 「確認しました」, then records the first confirmation only", async () => {
    const id = await publish({ mustConfirm: true });
    const person = await createStaff();
    await press(person, id, "read");
    expect((await home(person)).bulletins.map((b) => b.id)).toContain(id);
    await press(person, id, "confirm");
    const confirmed = await db.bulletinReceipt.findUniqueOrThrow({
      where: { bulletinId_staffId: { bulletinId: id, staffId: person.id } },
    });
    expect(confirmed.confirmedAt).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await press(person, id, "confirm");
    expect(await db.bulletinReceipt.findMany({ where: { bulletinId: id, staffId: person.id } })).toEqual([confirmed]);
    expect((await home(person)).bulletins.map((b) => b.id)).not.toContain(id);
  });

  it("refuses a forged redirect and an unknown intent", async () => {
    const id = await publish();
    const person = await createStaff();
    const form = { intent: "read", redirectTo: "//evil.example" };
    const response = await call(receiptAction, await requestAs(person, `/bulletins/${id}`, { form }), {
      bulletinId: String(id),
    });
    expect(response.headers.get("Location")).toBe(`/bulletins/${id}`);
    expect((await press(person, id, "delete")).status).toBe(400);
  });
});

describe("bulletin body", () => {
  it("shows HR's Markdown with clause citations, and raw HTML and script links as text", async () => {
    const id = await publish({
      body: "**重要** [[6(4)イ]] <script>alert(1)</script> [危険](javascript:alert(1)) [庁内](https://intra.city.lg.jp/)",
    });
    const person = await createStaff();
    const shown = (await home(person)).bulletins.find((b) => b.id === id)!;
    expect(shown.html).toContain("<strong>重要</strong>");
    expect(shown.html).toContain(`popovertarget="bulletin-${id}-clause-1"`);
    expect(shown.cited.map((c) => c.id)).toEqual(["6(4)イ"]);
    expect(shown.html).toContain("&lt;script&gt;");
    expect(shown.html).not.toContain("<script");
    expect(shown.html).not.toContain("javascript:");
    expect(shown.html).toContain('<a href="https://intra.city.lg.jp/">庁内</a>');
  });
});

describe("publishing", () => {
  it("validates HR's form, writes nothing on bad input and audits a publication", async () => {
    const hr = await createStaff({ role: "HR" });
    const before = await db.bulletin.count();
    const bad = new FormData();
    bad.set("title", "");
    bad.set("body", "本文");
    bad.set("publishOn", "2026-11-25");
    const refused = await call(adminAction, await requestAs(hr, "/admin/bulletins", { form: bad }));
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toBe("件名を入力してください。");
    const unknown = new FormData();
    for (const [k, v] of Object.entries({ title: "件名", body: "本文", publishOn: "2026-11-25" })) unknown.set(k, v);
    unknown.append("organisationIds", "atlantis");
    expect((await call(adminAction, await requestAs(hr, "/admin/bulletins", { form: unknown }))).status).toBe(400);
    expect(await db.bulletin.count()).toBe(before);

    const good = new FormData();
    for (const [k, v] of Object.entries({ title: "年末の注意", body: "本文", publishOn: "2026-11-25" })) good.set(k, v);
    good.append("employeeTypeCodes", "fiscal-year");
    good.append("employeeTypeCodes", "regular");
    good.set("mustConfirm", "on");
    expect((await call(adminAction, await requestAs(hr, "/admin/bulletins", { form: good }))).status).toBe(200);
    const saved = await db.bulletin.findFirstOrThrow({ where: { title: "年末の注意" } });
    expect(saved.audience).toEqual({ organisationIds: [], employeeTypeCodes: ["fiscal-year", "regular"], roles: [] });
    expect(saved.mustConfirm).toBe(true);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "bulletin.create", targetId: String(saved.id) },
    });
    expect(audit.actorId).toBe(hr.id);
  });
});

describe("bulletin figures on a seeded set", () => {
  // 監査事務局 and 議会局 only, so other tests' staff stay out of the figures.
  async function seed() {
    const manager = await createStaff({ role: "MANAGER", organisationId: "audit", name: "監査 課長" });
    const auditRegular = [manager, await createStaff({ organisationId: "audit", name: "=HYPERLINK(1)" })];
    await createStaff({ organisationId: "audit" }); // reads nothing
    const auditFiscal = await Promise.all(
      [1, 2].map(() => createStaff({ organisationId: "audit", employeeTypeCode: "fiscal-year" })),
    );
    await createStaff({ organisationId: "council", name: "議会 未読" });
    const councilFiscal = await Promise.all(
      [1, 2].map(() => createStaff({ organisationId: "council", employeeTypeCode: "fiscal-year" })),
    );
    const left = await createStaff({ organisationId: "audit", employeeTypeCode: "fiscal-year" });
    const id = await publish({ title: "監査と議会へ", organisationIds: ["audit", "council"], mustConfirm: true });

    await press(auditRegular[0]!, id, "confirm");
    await press(auditRegular[1]!, id, "read");
    for (const person of auditFiscal) await press(person, id, "confirm");
    await press(councilFiscal[0]!, id, "read");
    // Read, then deactivated: drops out of every figure.
    await press(left, id, "confirm");
    await db.staff.update({ where: { id: left.id }, data: { active: false } });
    return { id, manager };
  }

  it("counts the share of the audience who read and confirmed, by organisation and employee type, and who has not", async () => {
    const { id, manager } = await seed();
    const report = (await bulletinReport(id, TODAY, undefined))!;
    expect(report.total).toEqual({ reached: 8, read: 5, confirmed: 3 });
    // In the policy's order of organisations (議会局 before 監査事務局).
    expect(report.byOrganisation.map((o) => [o.id, o.reached, o.read, o.confirmed])).toEqual([
      ["council", 3, 1, 0],
      ["audit", 5, 4, 3],
    ]);
    expect(report.byEmployeeType.map((e) => [e.code, e.reached, e.read, e.confirmed])).toEqual([
      ["regular", 4, 2, 1],
      ["fiscal-year", 4, 3, 2],
    ]);
    // Must confirm: the not-yet list is those who have not confirmed, read or not.
    expect(report.pending.total).toBe(5);

    const page = await (
      await call(reportLoader, await requestAs(manager, `/reports/bulletins/${id}`), { bulletinId: String(id) })
    ).json();
    // The manager of 監査事務局 sees their own staff only.
    expect(page.tables.byOrganisation.rows).toEqual([
      ["監査事務局", 5, 4, 80, 3, 60],
      ["合計", 5, 4, 80, 3, 60],
    ]);
    expect(page.pendingTotal).toBe(2);
    expect(JSON.stringify(page)).not.toContain("議会 未読");

    const csvResponse = await call(
      exportLoader,
      await requestAs(manager, `/reports/bulletins/export/pending?bulletinId=${id}`),
      { table: "pending" },
    );
    const bytes = Buffer.from(await csvResponse.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString("utf8");
    expect(csv).toContain("\r\n");
    expect(csv).toContain(",'=HYPERLINK(1),監査事務局,");
    expect(csv).not.toContain("議会 未読");
    expect(csv.trim().split("\r\n")).toHaveLength(1 + 2);
    expect(await db.auditLog.count({ where: { action: "report.export", targetId: "bulletins/pending" } })).toBe(1);
  });
});

describe("bulletins by mail", () => {
  it("mail each unread person once through the reminders' outbox, on or after the publish day", async () => {
    const id = await publish({
      title: "メールでも届くお知らせ",
      byMail: true,
      organisationIds: ["election-committee"],
    });
    const later = await publish({ title: "来月のお知らせ", byMail: true, publishOn: "2026-12-01" });
    const reader = await createStaff({ organisationId: "election-committee" });
    const unread = await createStaff({ organisationId: "election-committee", name: "選挙 未読" });
    await press(reader, id, "read");
    const outbox = `${process.env.REMINDER_OUTBOX}/reminders-${TODAY}.txt`;
    rmSync(outbox, { force: true });

    const first = await mailDueBulletins(TODAY);
    expect(first.sent).toBe(1);
    const text = readFileSync(outbox, "utf8");
    expect(text).toContain("選挙 未読 様");
    expect(text).toContain("【お知らせ】メールでも届くお知らせ");
    expect(text).toContain("（基本方針 4）");
    expect(text).toContain(`/bulletins/${id}`);
    expect(text).not.toContain("来月のお知らせ");
    expect(await db.bulletinMail.findMany({ where: { bulletinId: id }, select: { staffId: true } })).toEqual([
      { staffId: unread.id },
    ]);
    expect((await mailDueBulletins(TODAY)).sent).toBe(0);
    expect(await db.bulletinMail.count({ where: { bulletinId: later } })).toBe(0);
  });
});

describe("a bulletin from real suspicious-mail reports", () => {
  it("is drafted from the triage queue in one click and published with the next, thanking the people who reported", async () => {
    const [first, second, admin] = [await createStaff(), await createStaff(), await createStaff({ role: "ADMIN" })];
    const mail = {
      via: "button" as const,
      sender: "請求書 <billing@invoice-center.example>",
      subject: "【至急】請求書の送付",
      rawSize: 0,
      tokens: [],
    };
    const one = await fileReport({ ...mail, reporterId: first.id });
    await fileReport({ ...mail, reporterId: second.id, subject: "Fwd: 【至急】請求書の送付" });
    await fileReport({ ...mail, reporterId: first.id, sender: "x@other.example", subject: "別のメール" });
    expect(one.kind).toBe("real");

    const page = await call(bulletinsPage, await requestAs(admin, `/admin/bulletins?fromReport=${one.id}`));
    const { prefill } = (await page.json()) as { prefill: { title: string; body: string } };
    expect(prefill.title).toBe("不審なメールにご注意ください：【至急】請求書の送付");
    expect(prefill.body).toContain("billing@invoice-center.example");
    expect(prefill.body).toContain("2人の方が報告してくださいました");

    const published = await call(
      adminAction,
      await requestAs(admin, "/admin/bulletins", {
        form: { title: prefill.title, body: prefill.body, publishOn: TODAY },
      }),
    );
    expect(published.status).toBe(200);
    expect(await db.bulletin.count({ where: { title: prefill.title } })).toBe(1);
  });

  it("drafts nothing for an id that is no real report", async () => {
    const admin = await createStaff({ role: "ADMIN" });
    for (const id of ["999999", "abc", "1e20"]) {
      const page = await call(bulletinsPage, await requestAs(admin, `/admin/bulletins?fromReport=${id}`));
      expect(((await page.json()) as { prefill: unknown }).prefill).toBeNull();
    }
  });
});
