import { expect, expectAccessible, readDatabase, test } from "./fixtures.ts";

type Drawn = { questionId: string; answer: string[] };

const NEW_EXPLANATION = "怪しいメールは開かずに、そのまま情報政策課へ転送して報告します（ブラウザで改訂した解説）。";

test("an ADMIN edits a question's explanation with a preview, a second ADMIN publishes, a learner's next attempt shows it", async ({
  page,
  signIn,
}) => {
  test.setTimeout(90_000);
  // 鈴木 (会計年度任用職員) has the appointment refresher, which no other browser test takes.
  const [assignment] = readDatabase<{ id: number }>(
    `SELECT a.id FROM Assignment a JOIN Staff s ON s.id = a.staffId
     WHERE s.employeeNumber = '100003' AND a.trackId = 'appointment-refresher'`,
  );
  expect(assignment).toBeDefined();

  await signIn("900001");
  await page.goto("/admin/content");
  await page.getByRole("button", { name: "下書きを作成する" }).click();
  await expect(page.getByRole("status")).toHaveText("下書きを作成しました。");

  // The question's form: the preview shows the edit before it is saved.
  const form = await page.goto("/admin/content/questions/threats-01");
  // Every byte of the page is text: React 18's Node renderer once padded a
  // buffer with NULs where a Japanese character did not fit (entry.server.tsx).
  expect((await form!.body()).includes(0)).toBe(false);
  expect(await page.locator("#choices").inputValue()).not.toContain("\ufffd");
  await expect(page.getByRole("heading", { name: "設問 threats-01 の編集" })).toBeVisible();
  await page.getByLabel("解説").fill(NEW_EXPLANATION);
  await page.getByRole("button", { name: "プレビューを更新" }).click();
  await expect(page.getByTestId("preview-explanation")).toHaveText(NEW_EXPLANATION);
  await expectAccessible(page);
  // An empty prompt is the validator's problem, shown beside the field in Japanese.
  const prompt = await page.getByLabel("問題文").inputValue();
  await page.getByLabel("問題文").fill("");
  await page.getByRole("button", { name: "下書きに保存" }).click();
  await expect(page.locator("#prompt-error")).toHaveText("問題文を入力してください。");
  await expect(page.getByLabel("問題文")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("問題文").fill(prompt);
  await page.getByRole("button", { name: "下書きに保存" }).click();
  await expect(page.getByRole("status")).toHaveText("下書きに保存しました。");
  await expect(page.locator("#prompt-error")).toHaveCount(0);

  // The track draws every question of one module, so the learner's attempt holds the edited one.
  await page.goto("/admin/content/tracks/appointment-refresher");
  await page.getByLabel("モジュール（スラッグをスペース区切り、順番どおり）").fill("threats");
  const bank = readDatabase<{ n: number }>(
    `SELECT COUNT(*) AS n FROM Question WHERE moduleSlug = 'threats' AND retired = 0`,
  )[0]!.n;
  await page.getByLabel("出題数").fill(String(bank));
  await page.getByRole("button", { name: "下書きに保存" }).click();
  await expect(page.getByRole("status")).toHaveText("下書きに保存しました。");

  await page.goto("/admin/content");
  await expect(page.getByRole("heading", { name: "検査で問題は見つかりませんでした。" })).toBeVisible();
  await page.getByRole("button", { name: "承認を依頼する" }).click();
  await expect(page.getByRole("status")).toContainText("承認を依頼しました");
  // The author has no button to approve their own draft.
  await expect(page.getByRole("button", { name: "承認して公開する" })).toHaveCount(0);

  await signIn("900002");
  await page.goto("/admin/content");
  await page.getByRole("button", { name: "承認して公開する" }).click();
  await expect(page.getByRole("status")).toContainText("として公開しました（変更 2 件）");
  await page.goto("/admin/content/releases");
  await expect(page.getByText("threats-01：")).toBeVisible();
  // Only the explanation changed: the other fields went back as the page showed them.
  await expect(page.getByRole("listitem").filter({ hasText: "threats-01：" })).toContainText(
    "（変更された項目：解説）",
  );

  await signIn("100003");
  await page.goto(`/learn/${assignment!.id}/quiz`);
  await page.getByRole("button", { name: "修了テストを始める" }).click();
  await expect(page.getByRole("group")).toHaveCount(bank);
  const [open] = readDatabase<{ draw: string }>(
    `SELECT draw FROM QuizAttempt WHERE assignmentId = ? AND openFor IS NOT NULL`,
    assignment!.id,
  );
  const draw = JSON.parse(open!.draw) as Drawn[];
  expect(draw.map((q) => q.questionId)).toContain("threats-01");
  await page.getByRole("button", { name: "回答を送信して採点する" }).click();
  await page.waitForURL(/\/attempts\/\d+$/);
  await expect(page.getByText(NEW_EXPLANATION)).toBeVisible();
});

test("the module editor's preview follows the Markdown as it is typed", async ({ page, signIn }) => {
  await signIn("900001");
  await page.goto("/admin/content");
  await page.getByRole("button", { name: "下書きを作成する" }).click();
  await expect(page.getByRole("status")).toHaveText("下書きを作成しました。");
  await page.goto("/admin/content/modules/threats");
  const body = page.getByLabel(/^本文/);
  await body.fill("## 新しい見出し\n\n詳しくは [[6(2)ア]] を読みます。");
  const preview = page.locator(".editor-preview");
  await expect(preview.getByRole("heading", { name: "新しい見出し" })).toBeVisible();
  await expect(preview.getByRole("button", { name: "基本方針 6(2)ア" })).toBeVisible();
  await page.goto("/admin/content");
  await page.getByRole("button", { name: "下書きを破棄する" }).click();
  await expect(page.getByRole("status")).toHaveText("下書きを破棄しました。");
});
