import { expect, expectAccessible, test } from "./fixtures.ts";

/**
 * The 課長 of 市民課 (200001) walks their team: their 課 only, each
 * person's status per track, a search by reading, the next page, a reminder
 * to someone late, and that person's training record.
 */
test("a 課長 sees their 課 with statuses, searches, pages, reminds the late and opens a record", async ({
  page,
  signIn,
}) => {
  test.setTimeout(90_000);
  await signIn("200001");
  await page.goto("/team");
  await expect(page.getByRole("heading", { level: 1, name: "所属職員" })).toBeVisible();
  await expect(page.getByText("市民課の職員の一覧です。")).toBeVisible();
  const table = page.getByRole("region", { name: /\d+人/ }).getByRole("table");
  const sections = await table.locator("tbody tr td:nth-child(3)").allInnerTexts();
  expect(sections.length).toBeGreaterThan(0);
  expect(new Set(sections)).toEqual(new Set(["市民課"]));
  await expect(table.locator(".badge").first()).toBeVisible();
  await expectAccessible(page);

  // The demo city's 市民課 is more than a page: the next one is other people.
  const firstName = await table.locator("tbody th").first().innerText();
  await page.getByRole("link", { name: "次のページ" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(table.locator("tbody th").first()).not.toHaveText(firstName);

  await page.goto("/team");
  await page.getByLabel("職員番号または氏名").fill("やまだ はなこ");
  await page.getByRole("button", { name: "検索" }).click();
  // The demo city has a namesake of the demo's 山田 花子 in the same 課: both, and no one else.
  await expect(table.locator("tbody tr", { hasText: "100001" })).toHaveCount(1);
  for (const name of await table.locator("tbody th a").allInnerTexts()) expect(name).toBe("山田 花子");

  await page.goto("/team?overdue=1");
  const lateRow = table.locator("tbody tr", { has: page.getByRole("button", { name: /リマインドを送る/ }) }).first();
  const lateName = (await lateRow.locator("th a").innerText()).trim();
  await expect(lateRow.locator(".badge-danger").first()).toHaveText("期限超過");
  await lateRow.getByRole("button", { name: `${lateName}さんにリマインドを送る` }).click();
  await expect(page.getByRole("status").filter({ hasText: "1人にリマインダーを送りました。" })).toBeVisible();
  await expect(table.locator("tbody tr", { hasText: lateName }).first()).toContainText("本日送信済み");

  await table.getByRole("link", { name: lateName }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: lateName })).toBeVisible();
  await expect(page.getByRole("heading", { name: "研修の記録" })).toBeVisible();
  const assignments = page.locator("section", { has: page.locator("#history-assignments") });
  await expect(assignments.locator(".badge-danger", { hasText: "期限超過" }).first()).toBeVisible();
  await expectAccessible(page);
});
