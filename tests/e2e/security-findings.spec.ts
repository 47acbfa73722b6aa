import { expect, expectAccessible, readDatabase, test } from "./fixtures.ts";

const idOf = (employeeNumber: string) =>
  readDatabase<{ id: number }>("SELECT id FROM Staff WHERE employeeNumber = ?", employeeNumber)[0]!.id;

test("HR sees an ADMIN's record without the forms that would change the account", async ({ page, signIn }) => {
  await signIn("300001");
  await page.goto(`/staff/${idOf("900001")}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("渡辺 剛");
  await expect(page.getByRole("note")).toContainText("システム管理者だけが行えます");
  await expect(page.getByRole("button", { name: "初期パスワードを発行する" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "無効にする（退職・任用終了）" })).toHaveCount(0);
  await expectAccessible(page);

  // A learner's record keeps every form.
  await page.goto(`/staff/${idOf("100001")}`);
  await expect(page.getByRole("button", { name: "初期パスワードを発行する" })).toBeVisible();
});

test("a question's answer key is hidden from a manager who still has to take its quiz", async ({ page, signIn }) => {
  // 200002 has not finished the annual refresher, which draws from every module.
  await signIn("200002");
  await page.goto("/reports/questions/threats-01");
  await expect(page.getByRole("heading", { name: /正答状況/ })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("正解と解説は表示しません");
  await expect(page.getByText("（正解）")).toHaveCount(0);
  await expectAccessible(page);
});

test("HR who has finished the annual refresher reads the answer key", async ({ page, signIn }) => {
  await signIn("300001");
  await page.goto("/reports/questions/threats-01");
  await expect(page.getByText("（正解）")).toHaveCount(1);
  await expect(page.getByText("解説：")).toBeVisible();
});

test("the due-date field offers only today to the end of the next fiscal year", async ({ page, signIn }) => {
  await signIn("300001");
  await page.goto("/admin/due-dates");
  const field = page.getByLabel("新しい期限");
  await expect(field).toHaveAttribute("min", "2026-11-25");
  await expect(field).toHaveAttribute("max", "2028-03-31");
});
