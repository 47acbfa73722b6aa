import { expect, readDatabase, test } from "./fixtures.ts";
import { recordSecret } from "./secrets.ts";

test("HR registers a new employee, who must change the initial password at first login", async ({ page, signIn }) => {
  await signIn("300001");
  await page.goto("/staff/new");
  await page.getByLabel("職員番号").fill("610001");
  await page.getByLabel("氏名", { exact: true }).fill("初任 太郎");
  await page.getByLabel("所属").selectOption({ label: "消防本部" });
  await page.getByLabel("任用形態").selectOption({ label: "常勤職員" });
  await page.getByLabel("採用日").fill("2026-11-01");
  await page.getByRole("button", { name: "登録する" }).click();

  await expect(page.getByRole("status").filter({ hasText: "初任 太郎さんを登録しました" })).toBeVisible();
  const initialPassword = (await page.locator(".one-time-password").innerText()).trim();
  expect(initialPassword).toMatch(/^[A-Za-z2-9]{14}$/);
  recordSecret(initialPassword);
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/login$/);

  await page.getByLabel("職員番号").fill("610001");
  await page.getByLabel("パスワード").fill(initialPassword);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/password$/);
  await expect(page.getByText("初期パスワードでログインしました")).toBeVisible();

  // Every other page sends them back here until they change it.
  await page.goto("/");
  await expect(page).toHaveURL(/\/password$/);

  await page.getByLabel("現在のパスワード").fill(initialPassword);
  await page.getByLabel("新しいパスワード", { exact: true }).fill("short");
  await page.getByLabel("新しいパスワード（確認）").fill("short");
  await page.getByRole("button", { name: "変更する" }).click();
  await expect(page.getByRole("alert").first()).toContainText("12文字以上");

  await page.getByLabel("新しいパスワード", { exact: true }).fill("my-own-secret-2026");
  await page.getByLabel("新しいパスワード（確認）").fill("my-own-secret-2026");
  await page.getByRole("button", { name: "変更する" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ようこそ、初任 太郎さん");
});

test("HR imports a Shift_JIS CSV through the UI and finds the new people in the directory", async ({
  page,
  signIn,
}) => {
  await signIn("300001");
  await page.goto("/staff/import");
  await page.getByLabel("CSVファイル").setInputFiles("tests/fixtures/staff-sjis.csv");
  await page.getByRole("button", { name: "内容を確認する" }).click();

  await expect(page.getByText("新規 3人、変更 0人、変更なし 0人")).toBeVisible();
  await expect(page.getByText("文字コード：shift_jis")).toBeVisible();
  await expect(page.getByText("料金課")).toBeVisible();
  await page.getByRole("button", { name: "確定して取り込む" }).click();
  await expect(page.getByText("取り込みました：新規 3人")).toBeVisible();

  await page.goto("/staff");
  await page.getByLabel("職員番号・氏名・カナ").fill("青木");
  await page.getByRole("button", { name: "検索" }).click();
  await expect(page.getByRole("link", { name: "青木 一郎" })).toBeVisible();
  // The imported 7000xx, narrowed to one organisation (the demo city has hundreds in 消防本部).
  await page.getByLabel("所属", { exact: true }).selectOption({ label: "消防本部" });
  await page.getByLabel("職員番号・氏名・カナ").fill("7000");
  await page.getByRole("button", { name: "検索" }).click();
  await expect(page.getByRole("link", { name: "石井 二葉" })).toBeVisible();
  await expect(page.getByRole("link", { name: "青木 一郎" })).toHaveCount(0);
});

test("a manager cannot open someone outside their 課 by changing the id in the URL", async ({ page, signIn }) => {
  await signIn("200002"); // the 課長 of 消防本部 消防総務課
  await page.goto("/team");
  await expect(page.getByText("消防総務課の職員の一覧です。")).toBeVisible();
  // 小林 大輔 (100005) is in the same 部局 but another 課 (警防課); 山田 花子 (100001) in another 部局.
  await expect(page.getByRole("cell", { name: "200002", exact: true })).toBeVisible();
  for (const employeeNumber of ["100005", "100001"])
    await expect(page.getByRole("cell", { name: employeeNumber, exact: true })).toHaveCount(0);
  for (const employeeNumber of ["100005", "100001"]) {
    const [person] = readDatabase<{ id: number }>("SELECT id FROM Staff WHERE employeeNumber = ?", employeeNumber);
    expect((await page.goto(`/team/${person!.id}`))?.status(), employeeNumber).toBe(404);
  }
  const response = await page.goto("/staff");
  expect(response?.status()).toBe(403);
});
