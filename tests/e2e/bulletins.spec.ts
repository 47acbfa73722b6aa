import { expect, expectAccessible, test } from "./fixtures.ts";

test("HR publishes a must-confirm bulletin; a learner confirms it on the home page; HR sees 1 confirmed", async ({
  page,
  signIn,
}) => {
  const title = "消防本部の皆さんへ：不審な請求書メールに注意";
  await signIn("300001"); // 伊藤 由美, HR
  await page.goto("/admin/bulletins");
  await page.getByLabel("件名").fill(title);
  await page.getByLabel("本文").fill("添付ファイルを開かず、すぐに報告してください [[4]]。");
  await page.getByRole("group", { name: "所属" }).getByLabel("消防本部").check();
  await page.getByLabel("「確認しました」を求める（要確認）").check();
  await page.getByRole("button", { name: "発信する" }).click();
  await expect(page.getByRole("status")).toHaveText(`「${title}」を発信しました。`);

  await signIn("100005"); // 小林 大輔, 消防本部
  await page.goto("/");
  const card = page.getByRole("article", { name: title });
  await expect(card).toBeVisible();
  await expect(card.getByText("要確認")).toBeVisible();
  // The citation opens the clause's text without leaving the page.
  await card.getByRole("button", { name: "基本方針 4" }).click();
  await expect(page.getByRole("dialog", { name: /基本方針 4/ })).toBeVisible();
  await page.keyboard.press("Escape");
  await expectAccessible(page);
  await card.getByRole("button", { name: "確認しました" }).click();
  await expect(page.getByRole("article", { name: title })).toHaveCount(0);
  // Still in the archive, marked as confirmed.
  await page.goto("/bulletins");
  await expect(
    page
      .getByRole("listitem")
      .filter({ hasText: title })
      .getByText(/確認済み/),
  ).toBeVisible();

  // Someone outside the audience never sees it.
  await signIn("100001"); // 山田 花子, 市長部局
  await page.goto("/");
  await expect(page.getByRole("article", { name: title })).toHaveCount(0);

  await signIn("300001");
  await page.goto("/reports/bulletins");
  const row = page.getByRole("row", { name: new RegExp(title) });
  const cells = row.getByRole("cell");
  // 発信日, 対象, 対象者数, 既読, 既読率, 確認済み, 確認率
  await expect(cells.nth(1)).toHaveText("消防本部");
  await expect(cells.nth(5)).toHaveText("1");
  await row.getByRole("link", { name: title }).click();
  const byType = page.locator("section", { has: page.getByRole("heading", { name: "任用形態別" }) });
  await expect(
    byType
      .getByRole("row", { name: /常勤職員/ })
      .getByRole("cell")
      .nth(3),
  ).toHaveText("1");
});
