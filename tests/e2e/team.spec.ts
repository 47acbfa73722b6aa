import { expect, expectAccessible, readDatabase, test } from "./fixtures.ts";

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
  await expect(table.locator(".badge").first()).toBeVisible();
  await expectAccessible(page);
  await test.info().attach("team page", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });

  // The demo city's 市民課 is more than a page: the next one is other people, and both are 市民課 alone.
  const numbers = async () => table.locator("tbody tr td:first-child").allInnerTexts();
  const firstPage = await numbers();
  await page.getByRole("link", { name: "次のページ" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(table.locator("tbody tr td:first-child").first()).not.toHaveText(firstPage[0]!);
  const shown = [...firstPage, ...(await numbers())];
  const [{ count }] = readDatabase<{ count: number }>(
    `SELECT COUNT(*) AS count FROM Staff JOIN Section ON Section.id = Staff.sectionId
     WHERE Section.name = '市民課' AND Staff.organisationId = 'mayor' AND Staff.active = 1`,
  ) as [{ count: number }];
  expect(new Set(shown).size).toBe(count);
  const sections = readDatabase<{ name: string }>(
    `SELECT DISTINCT Section.name AS name FROM Staff JOIN Section ON Section.id = Staff.sectionId
     WHERE Staff.employeeNumber IN (${shown.map(() => "?").join(",")})`,
    ...shown,
  );
  expect(sections).toEqual([{ name: "市民課" }]);

  await page.goto("/team");
  await page.getByLabel("職員番号または氏名").fill("やまだ はなこ");
  await page.getByRole("button", { name: "検索" }).click();
  // The demo city has a namesake of the demo's 山田 花子 in the same 課: both, and no one else.
  await expect(page).toHaveURL(/q=/);
  await expect.poll(async () => [...new Set(await table.locator("tbody th a").allInnerTexts())]).toEqual(["山田 花子"]);
  await expect(table.locator("tbody tr", { hasText: "100001" })).toHaveCount(1);

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

  // On a phone the list scrolls inside its own region; the page itself stays 390 px wide.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/team");
  await expect(page.getByRole("region", { name: /\d+人/ })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
