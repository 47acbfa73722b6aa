import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures.ts";

/**
 * Every report page, as HR and as a manager, on the demo city at 1280 px:
 * nothing wider than the window, no cell whose text wraps a character per
 * line, no name, section or date broken inside, heat-map cells that carry
 * their numbers as text, the committee's report on one or two A4 pages, and
 * no serious accessibility violation.
 */

const WIDTH = 1280;

const PAGES = [
  { path: "/reports", ready: ".recharts-wrapper svg" },
  { path: "/reports/organisations", ready: "table.heat-map" },
  { path: "/reports/overdue", ready: "h2#overdue" },
  { path: "/reports/items", ready: ".recharts-wrapper svg" },
  { path: "/reports/mastery", ready: "table.heat-map" },
  { path: "/reports/people?q=%E5%B1%B1", ready: "h2#found" },
  { path: "/reports/print", ready: ".committee-report" },
];

/** What does not fit: elements wider than the window, cells a character wide, kept words broken. */
async function layoutProblems(page: Page) {
  return page.evaluate((width) => {
    const problems: string[] = [];
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}.${el.className} "${el.textContent?.trim().slice(0, 30)}"`;
    if (document.documentElement.scrollWidth > width)
      problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth}px`);
    for (const el of document.querySelectorAll("main *")) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 1)
        problems.push(`wider than the window: ${name(el)} ends at ${Math.round(box.right)}px`);
    }
    const lines = (node: Node) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    };
    for (const cell of document.querySelectorAll("main td, main th")) {
      const text = (cell.textContent ?? "").replace(/\s/g, "");
      if (text.length >= 2 && lines(cell) >= text.length) problems.push(`one character per line: ${name(cell)}`);
      if (cell.classList.contains("keep")) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if ((node.textContent ?? "").trim() && lines(node) > 1) problems.push(`broken inside a word: ${name(cell)}`);
        }
      }
    }
    return problems.slice(0, 10);
  }, WIDTH);
}

for (const [who, employeeNumber] of [
  ["HR", "300001"],
  ["a manager", "200001"],
] as const) {
  test(`every report page fits 1280 px and is accessible, as ${who}`, async ({ page, signIn }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: WIDTH, height: 900 });
    await signIn(employeeNumber);
    for (const { path, ready } of PAGES) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.locator(ready).first()).toBeVisible();
      expect(await layoutProblems(page), path).toEqual([]);
      await expectAccessible(page);
    }
  });
}

test("the heat map writes every cell's rate and counts, and a cell opens its sections and people", async ({
  page,
  signIn,
}) => {
  await signIn("300001");
  await page.goto("/reports/organisations");
  const cells = page.locator("table.heat-map td.heat");
  // Nine organisations and a total row, four types and a total column.
  await expect(cells).toHaveCount(50);
  for (const text of await cells.allInnerTexts())
    expect(text.replace(/\s+/g, " ").trim()).toMatch(/^(\d{1,3}\.\d% \d+／\d+|—)$/);
  const rowHeaders = await page.locator("table.heat-map tbody th[scope=row]").allInnerTexts();
  expect(rowHeaders).toHaveLength(9);

  await page.locator("table.heat-map tbody tr", { hasText: "市長部局" }).locator("td.heat a").first().click();
  await expect(page.getByRole("heading", { name: "市長部局・常勤職員の内訳" })).toBeVisible();
  await expect(page.getByRole("table", { name: "課別" }).getByRole("rowheader").first()).toBeVisible();
  await expect(
    page
      .getByRole("table", { name: /職員別/ })
      .getByRole("link")
      .first(),
  ).toBeVisible();
  expect(await layoutProblems(page)).toEqual([]);
});

test("the committee's report prints on one or two A4 pages; a manager's covers their organisation", async ({
  page,
  signIn,
}) => {
  for (const [employeeNumber, organisation, rows] of [
    ["300001", "全所属", 9],
    ["200002", "消防本部", 1],
  ] as const) {
    await signIn(employeeNumber);
    await page.goto("/reports/print");
    const report = page.locator(".committee-report");
    await expect(report.getByRole("heading", { name: "研修実施状況報告書" })).toBeVisible();
    await expect(report.locator(".committee-meta")).toContainText("2026年度（令和8年度）");
    await expect(report.locator(".committee-meta")).toContainText(organisation);
    await expect(report.locator(".committee-meta")).toContainText("作成日 令和8年11月25日");
    await expect(report.locator("table.heat-map tbody tr")).toHaveCount(rows);
    await expect(report.getByRole("heading", { name: "正答率の低い条項（上位5件）" })).toBeVisible();
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages, `${organisation}: ${pages} pages`).toBeGreaterThanOrEqual(1);
    expect(pages, `${organisation}: ${pages} pages`).toBeLessThanOrEqual(2);
  }
});

test("HR sorts the overdue list, chooses two people and reminds them", async ({ page, signIn }) => {
  await signIn("300001");
  await page.goto("/reports/overdue");
  await page.getByRole("link", { name: "職員番号" }).click();
  await expect(page).toHaveURL(/sort=employeeNumber/);
  const numbers = await page.locator("table.overdue-table tbody tr td:nth-child(2)").allInnerTexts();
  expect(numbers).toEqual([...numbers].sort());
  const boxes = page.locator("table.overdue-table tbody input[type=checkbox]");
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByRole("button", { name: "選択した職員にリマインダーを送る" }).click();
  await expect(page.getByRole("status")).toContainText(/[12]人にリマインダーを送りました。/);
});
