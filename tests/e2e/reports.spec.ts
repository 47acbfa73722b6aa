import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures.ts";

test("HR filters by organisation and type, sees the chart agree with its table, and downloads the CSV", async ({
  page,
  signIn,
}) => {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
  });
  await signIn("300001");
  await page.goto("/reports");
  await page.getByLabel("所属", { exact: true }).selectOption({ label: "市長部局" });
  await page.getByLabel("任用形態", { exact: true }).selectOption({ label: "常勤職員" });
  await page.getByRole("button", { name: "表示する" }).click();
  await expect(page).toHaveURL(/organisationId=mayor/);
  await expect(page).toHaveURL(/employeeTypeCode=regular/);

  // The bar chart appears after hydration; its label is the table's rate.
  const byType = page.locator("section", { has: page.getByRole("heading", { name: "任用形態別の修了率" }) });
  await expect(byType.locator(".recharts-wrapper svg")).toBeVisible();
  const row = byType.getByRole("row", { name: /常勤職員/ });
  const rate = (await row.getByRole("cell").last().innerText()).trim();
  expect(Number(rate)).toBeGreaterThan(0); // the demo's 田中 and 伊藤 have completed
  await expect(byType.locator(".recharts-label-list").getByText(`${rate}%`, { exact: true })).toBeVisible();
  // Only the chosen type and organisation remain.
  await expect(byType.getByRole("row")).toHaveCount(2);
  // The tabs keep the filter: the heat map shows the one organisation, and its total.
  await page.getByRole("navigation", { name: "レポートの種類" }).getByRole("link", { name: "所属別" }).click();
  await expect(page).toHaveURL(/\/reports\/organisations\?.*organisationId=mayor/);
  const matrix = page.locator("section", { has: page.getByRole("heading", { name: "所属 × 任用形態の修了率" }) });
  await expect(matrix.getByRole("rowheader")).toHaveText(["市長部局", "合計"]);

  const download = page.waitForEvent("download");
  await matrix.getByRole("link", { name: "CSVをダウンロード" }).click();
  const file = await (await download).path();
  const csv = readFileSync(file);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(csv.toString("utf8")).toContain("\r\n市長部局,");
  expect(csv.toString("utf8")).toContain("所属,常勤職員 対象,常勤職員 修了,常勤職員 修了率(%)");

  expect(problems.filter((p) => /hydrat|did not match|Warning/i.test(p))).toEqual([]);
});

test("a manager cannot reach another organisation's report by editing the URL", async ({ page, signIn }) => {
  await signIn("200002"); // the 課長 of 消防本部 消防総務課
  await page.goto("/reports/organisations?organisationId=mayor");
  await expect(page.getByText("消防本部 消防総務課の受講状況です。")).toBeVisible();
  const matrix = page.locator("section", { has: page.getByRole("heading", { name: "所属 × 任用形態の修了率" }) });
  await expect(matrix.getByRole("rowheader")).toHaveText(["消防本部", "合計"]);
  await page.goto("/reports/overdue?organisationId=mayor");
  await expect(page.getByText("山田 花子")).toHaveCount(0);

  const response = await page.request.get("/reports/export/overdue?organisationId=mayor");
  expect(await response.text()).not.toContain("市長部局");
});

test("a learner is refused the reports", async ({ page, signIn }) => {
  await signIn("100002");
  const response = await page.goto("/reports");
  expect(response?.status()).toBe(403);
});
