import { DEMO_PASSWORD } from "../../prisma/seed/demo.ts";
import { expect, expectAccessible, readDatabase, test } from "./fixtures.ts";

// The e2e server runs with a test directory (tests/directory/serve-with-directory.ts)
// listing one demo person, 高橋 一郎 (100004), with his directory password.
test("an administrator syncs staff from the directory, then a learner signs in with the directory's password", async ({
  page,
  signIn,
}) => {
  await signIn("900001");
  await page.goto("/admin/directory");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ディレクトリからの職員同期");
  await expect(page.getByText("ou=demo,dc=city,dc=example")).toBeVisible();

  await page.getByRole("button", { name: "確認する（ドライラン）" }).click();
  await expect(page.getByRole("heading", { name: "同期内容の確認" })).toBeVisible();
  await expect(page.getByText("新規 0人、変更 1人、変更なし 0人")).toBeVisible();
  await expect(page.getByText("ディレクトリで見つかった職員：1人")).toBeVisible();
  await expect(page.getByText("100004 高橋 一郎：ログイン方法：Mamori のパスワード → 庁内ディレクトリ")).toBeVisible();
  await expectAccessible(page);
  // A dry run changes nothing.
  expect(readDatabase<{ authSource: string }>("SELECT authSource FROM Staff WHERE employeeNumber = '100004'")).toEqual([
    { authSource: "LOCAL" },
  ]);

  await page.getByRole("button", { name: "同期を反映する" }).click();
  await expect(page.getByRole("status")).toHaveText("同期しました：新規 0人、変更 1人、変更なし 0人、無効化 0人。");
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/login$/);

  // His Mamori password no longer opens the account; the directory's does.
  await page.getByLabel("職員番号").fill("100004");
  await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByRole("alert")).toContainText("職員番号またはパスワードが正しくありません。");

  await page.getByLabel("職員番号").fill("１００００４");
  await page.getByLabel("パスワード").fill("takahashi-directory-pass");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ようこそ、高橋 一郎さん");
});
