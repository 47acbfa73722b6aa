import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { E2E_DATABASE, E2E_OUTBOX } from "../../playwright.config.ts";
import { expect, expectAccessible, readDatabase, test } from "./fixtures.ts";

const drillsOutbox = join(E2E_OUTBOX, "drills");

/** The .eml the sender wrote for `employeeNumber` in campaign `campaignId`, once it exists. */
async function waitForMail(campaignId: number, employeeNumber: string, timeoutMs = 120_000) {
  const prefix = `drill-${campaignId}-${employeeNumber}-`;
  const start = Date.now();
  for (;;) {
    const file = existsSync(drillsOutbox) ? readdirSync(drillsOutbox).find((f) => f.startsWith(prefix)) : undefined;
    if (file) return simpleParser(readFileSync(join(drillsOutbox, file)));
    if (Date.now() - start > timeoutMs) throw new Error(`no drill mail for ${employeeNumber}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const linkIn = (text: string | undefined) => /https?:\/\/\S+\/d\/[A-Za-z0-9_-]{43}/.exec(text ?? "")![0];

/** An instant as datetime-local text in Japan time. */
const japanLocal = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(0, 16);

test("HR runs a drill for one section; a learner clicks from the outbox mail and reports it; HR sees the results", async ({
  page,
  signIn,
}) => {
  test.setTimeout(240_000);
  await signIn("300001");
  await page.goto("/drills/new");
  await page.getByLabel("訓練名").fill("市民課 訓練");
  await page.getByLabel("シナリオ").selectOption({ label: "研修会への参加のお礼（資料のダウンロード）" });
  await page.getByLabel("課", { exact: true }).selectOption({ label: "市民課" });
  // The window: from the last minute to one or two minutes on, at any hour.
  const now = Date.now();
  await page.getByLabel("送信開始（日本時間）").fill(japanLocal(now - 60_000));
  await page.getByLabel("送信終了（日本時間）").fill(japanLocal(now + 120_000));
  await page.getByLabel("平日 9:00〜17:00 のみに送る").uncheck();
  await page.getByLabel(/^終了日/).fill(japanLocal(now + 14 * 86_400_000).slice(0, 10));
  await page.getByRole("button", { name: "下書きとして作成する" }).click();
  await expect(page).toHaveURL(/\/drills\/\d+$/);
  const campaignId = Number(/\/drills\/(\d+)$/.exec(page.url())![1]);
  // Everyone in post in 市民課 with a mail address: 山田, 鈴木, 田中 and the demo city's clerks there.
  const [{ n: reachable }] = readDatabase<{ n: number }>(
    `SELECT COUNT(*) AS n FROM Staff s JOIN Section c ON c.id = s.sectionId
     WHERE c.name = '市民課' AND s.organisationId = 'mayor' AND s.active = 1 AND s.email IS NOT NULL AND s.email <> ''`,
  ) as [{ n: number }];
  expect(reachable).toBeGreaterThanOrEqual(3);
  await expect(page.getByText(`送信対象 ${reachable}人`)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "送信を予約する" }).click();
  await expect(page.getByRole("status")).toContainText(`${reachable}人への送信を予約しました`);

  // The learner opens the link from the mail, in a browser without a session.
  const mail = await waitForMail(campaignId, "100001");
  expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe("100001@mamori-city.example.jp");
  await page.context().clearCookies();
  await page.goto(linkIn(mail.text));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("これは情報セキュリティ訓練です");
  await expect(page.locator(".drill-flag-mark").first()).toBeVisible();
  await expectAccessible(page);
  await expect
    .poll(
      () =>
        readDatabase<{ clickedAt: string | null }>(
          `SELECT m.clickedAt FROM DrillMessage m JOIN Staff s ON s.id = m.staffId WHERE m.campaignId = ? AND s.employeeNumber = '100001'`,
          campaignId,
        )[0]?.clickedAt,
    )
    .not.toBeNull();

  // She reports it with the button in the header.
  await signIn("100001");
  await page.goto("/");
  await page.getByRole("link", { name: "不審なメールを報告する" }).click();
  await page.getByLabel("差出人（メールアドレスまたは表示名）").fill(mail.from!.text);
  await page.getByLabel("件名").fill(mail.subject!);
  await page.getByRole("button", { name: "報告する" }).click();
  await expect(page.getByRole("status")).toContainText("報告ありがとうございます。これは訓練でした。");
  // The follow-up course is in her training.
  await page.goto("/");
  await expect(page.locator(".assignment", { hasText: "訓練フォローアップ研修" })).toBeVisible();

  await signIn("300001");
  await page.goto(`/drills/${campaignId}/results`);
  const figures = page.getByTestId("drill-figures");
  await expect(figures.locator("div", { hasText: /^開封（クリック）/ }).locator("dd")).toHaveText("1");
  await expect(figures.locator("div", { hasText: /^報告/ }).locator("dd")).toHaveText("1");
  const row = page.getByRole("row", { name: /100001/ });
  await expect(row).toContainText("未修了（期限");
  await expectAccessible(page);
});

test("what is typed into a fake sign-in form never leaves the browser; only 'entered' is recorded", async ({
  page,
}) => {
  // The demo's finished drill (a mailbox password expiry) sent 100002 a mail he never opened.
  const campaign = readDatabase<{ id: number }>(
    `SELECT id FROM DrillCampaign WHERE scenarioId = 'mailbox-password-expiry'`,
  )[0]!;
  const mail = await waitForMail(campaign.id, "100002", 5_000);
  const typed = "typed-secret-パスワード-42";
  const sent: string[] = [];
  page.on("request", (request) => sent.push(`${request.url()}\n${request.postData() ?? ""}`));
  await page.goto(linkIn(mail.text));
  await page.getByLabel("ユーザー名").fill(typed);
  await page.getByLabel("パスワード").fill(typed);
  await page.getByRole("button", { name: "サインイン" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("これは情報セキュリティ訓練です");
  await expect(page.getByText("入力された内容はサーバーに送られておらず")).toBeVisible();
  const entered = () =>
    readDatabase<{ enteredAt: string | null }>(
      `SELECT m.enteredAt FROM DrillMessage m JOIN Staff s ON s.id = m.staffId WHERE m.campaignId = ? AND s.employeeNumber = '100002'`,
      campaign.id,
    )[0]?.enteredAt;
  await expect.poll(entered).not.toBeNull();
  expect(sent.some((r) => r.includes("entered"))).toBe(true);
  expect(sent.filter((r) => r.includes(typed) || r.includes(encodeURIComponent(typed)))).toEqual([]);
  for (const file of [E2E_DATABASE, `${E2E_DATABASE}-wal`].filter(existsSync)) {
    expect(readFileSync(file).includes(Buffer.from(typed))).toBe(false);
  }
});
