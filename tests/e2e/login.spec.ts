import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../../prisma/seed/demo.ts";

test("a learner logs in with full-width digits, sees who they are, and logs out", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2F$/);

  await page.getByLabel("職員番号").fill("１００００１");
  await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ようこそ、山田 花子さん");
  await expect(page.getByText("市長部局", { exact: true })).toBeVisible();
  await expect(page.getByText("常勤職員", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("a wrong password gets a message that does not say which field was wrong", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("職員番号").fill("100001");
  await page.getByLabel("パスワード").fill("not-the-password");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByRole("alert")).toContainText("職員番号またはパスワードが正しくありません。");
});

test("each role lands on a page that says what it can do", async ({ page }) => {
  const cases = [
    ["200001", "情報セキュリティ管理者", "市長部局の職員の受講状況"],
    ["300001", "研修担当", "職員名簿の管理"],
    ["900001", "システム管理者", "監査ログの確認"],
  ] as const;
  for (const [employeeNumber, roleLabel, lead] of cases) {
    await page.goto("/login");
    await page.getByLabel("職員番号").fill(employeeNumber);
    await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(page.getByText(lead)).toBeVisible();
    await expect(page.locator(".profile")).toContainText(roleLabel);
    await page.getByRole("button", { name: "ログアウト" }).click();
    await expect(page).toHaveURL(/\/login$/);
  }
});

test("pages load nothing from outside this server", async ({ page }) => {
  const outside: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.hostname !== "127.0.0.1" && url.protocol !== "data:") outside.push(request.url());
  });
  await page.goto("/login");
  await page.getByLabel("職員番号").fill("100001");
  await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("山田");
  expect(outside).toEqual([]);
});
