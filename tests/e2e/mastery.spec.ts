import { expect, expectAccessible, readDatabase, test } from "./fixtures.ts";

/**
 * 習熟度 on the demo city: a learner's own map 「あなたの理解度」 and HR's
 * clause heat maps, each status and cell written as text, axe clean.
 */

test("a learner opens their map from home: every clause has a written status and a link to read it", async ({
  page,
  signIn,
}) => {
  await signIn("100001");
  await page.goto("/");
  await page.getByRole("link", { name: "あなたの理解度" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "あなたの理解度" })).toBeVisible();

  const [{ clauses }] = readDatabase<{ clauses: number }>(
    `SELECT COUNT(DISTINCT "clauseId") AS clauses FROM "Question" WHERE "retired" = 0`,
  ) as [{ clauses: number }];
  const tiles = page.locator(".mastery-map > li");
  await expect(tiles).toHaveCount(clauses);
  for (const text of await tiles.allInnerTexts()) {
    // The status is a word, never only a colour; seen clauses write their numbers.
    expect(text).toMatch(/定着|もう少し|要復習|未出題/);
    if (!text.includes("未出題")) expect(text).toMatch(/正答の見込み \d+%・回答 \d+回/);
  }
  await expect(page.getByRole("definition").first()).toContainText(/\d+条項/);
  await expectAccessible(page);

  const link = tiles.first().getByRole("link", { name: /読み直す/ });
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/(learn\/\d+\/modules\/[a-z-]+#clause-at-|policy#c-)/);
  await link.click();
  await expect(page).toHaveURL(new RegExp(href!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
});

test("HR reads the clause heat maps: each cell its numbers and people, small cells hidden", async ({
  page,
  signIn,
}) => {
  await signIn("300001");
  await page.goto("/reports");
  await page.getByRole("link", { name: "習熟度" }).click();
  await expect(page.getByRole("heading", { name: "条項 × 所属" })).toBeVisible();
  const cells = page.locator("table.heat-map td.heat");
  expect(await cells.count()).toBeGreaterThan(0);
  let shown = 0;
  for (const text of await cells.allInnerTexts()) {
    const cell = text.replace(/\s+/g, " ").trim();
    expect(cell).toMatch(/^(\d{1,3}\.\d% 定着 \d{1,3}\.\d% \d+人|5人未満)$/);
    if (cell !== "5人未満") {
      shown += 1;
      expect(Number(cell.match(/(\d+)人$/)![1])).toBeGreaterThanOrEqual(5);
    }
  }
  expect(shown).toBeGreaterThan(0);
  await expect(page.getByRole("link", { name: "CSVをダウンロード" }).first()).toBeVisible();
  await expectAccessible(page);
});
