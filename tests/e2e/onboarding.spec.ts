import type { Page } from "@playwright/test";
import { expect, expectAccessible, readDatabase, test } from "./fixtures.ts";

type Drawn = {
  questionId: string;
  moduleSlug: string;
  type: string;
  answer: string[];
  explanation: string;
  clause: string;
};

function openAttemptDraw(employeeNumber: string): Drawn[] {
  const [row] = readDatabase<{ draw: string }>(
    `SELECT q.draw FROM QuizAttempt q JOIN Staff s ON s.id = q.staffId WHERE s.employeeNumber = ? AND q.openFor IS NOT NULL`,
    employeeNumber,
  );
  if (!row) throw new Error("no open attempt");
  return JSON.parse(row.draw) as Drawn[];
}

/**
 * Answers the quiz with the keyboard alone: Tab between questions, arrow
 * keys within a radio group, Space for checkboxes, Enter on the submit button.
 */
async function answerWithKeyboard(page: Page, answers: Map<string, string[]>) {
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | HTMLButtonElement | null;
      return {
        tag: el?.tagName ?? "",
        type: (el as HTMLInputElement)?.type ?? "",
        name: (el as HTMLInputElement)?.name ?? "",
        value: el?.value ?? "",
        text: el?.textContent ?? "",
      };
    });
  await page.locator("h1").click(); // start from the top of the page
  for (let steps = 0; steps < 400; steps++) {
    await page.keyboard.press("Tab");
    const el = await focused();
    if (el.tag === "BUTTON" && el.text.includes("回答を送信して採点する")) {
      await page.keyboard.press("Enter");
      return;
    }
    if (!el.name.startsWith("q:")) continue;
    const wanted = answers.get(el.name.slice(2)) ?? [];
    if (el.type === "radio") {
      // Arrow keys move the selection through the group until the right choice is checked.
      for (let i = 0; i < 6 && (await focused()).value !== wanted[0]; i++) await page.keyboard.press("ArrowDown");
      expect((await focused()).value).toBe(wanted[0]);
      // Tab lands on an unchecked group's first radio without checking it.
      if (!(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked)))
        await page.keyboard.press("Space");
      await expect(page.locator(`input[name="${el.name}"]:checked`)).toHaveValue(wanted[0]!);
    } else if (el.type === "checkbox" && wanted.includes(el.value)) {
      await page.keyboard.press("Space");
    }
  }
  throw new Error("never reached the submit button");
}

test("a new employee reads every module, fails the test, reads the missed clauses again, passes the retake, pledges and gets the certificate", async ({
  page,
  signIn,
}) => {
  test.setTimeout(120_000);
  await signIn("100001");
  await page.goto("/");
  const card = page.locator(".assignment", { hasText: "新任者研修" });
  await expect(card.getByText("未着手")).toBeVisible();
  await expectAccessible(page);

  // Read all 17 modules, each from the one obvious button.
  await card.getByRole("link", { name: /次の教材を読む/ }).click();
  for (let i = 1; i <= 17; i++) {
    await expect(page.getByText(`${i} / 17`)).toBeVisible();
    if (i === 1) {
      await page.locator("button.citation").first().click();
      await expect(page.locator(".clause-popover:popover-open")).toContainText("秦野市情報セキュリティポリシー");
      await page.keyboard.press("Escape");
      await expectAccessible(page);
    }
    await page.getByRole("button", { name: "読了にする" }).click();
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("新任者研修");
  await expect(page.getByText("17 / 19 ステップ完了").first()).toBeVisible();

  // First attempt: twelve right, eight left unanswered: 60%, it fails.
  await page.getByRole("link", { name: "修了テストを受ける" }).click();
  await page.getByRole("button", { name: "修了テストを始める" }).click();
  await expect(page.getByRole("group")).toHaveCount(20);
  await expectAccessible(page);
  const firstDraw = openAttemptDraw("100001");
  const html = await page.content();
  for (const q of firstDraw) expect(html).not.toContain(q.explanation);
  for (const q of firstDraw.slice(0, 12))
    for (const id of q.answer) await page.locator(`input[name="q:${q.questionId}"][value="${id}"]`).check();
  await page.getByRole("button", { name: "回答を送信して採点する" }).click();
  await expect(page.getByText("不合格").first()).toBeVisible();
  await expect(page.getByText("12/20問正解（60%）")).toBeVisible();
  const resultUrl = page.url();

  // The result names the missed clauses; the retake waits for their modules to be read again.
  const missed = firstDraw.slice(12);
  const missedClauses = [...new Set(missed.map((q) => q.clause))];
  const missedModules = [...new Set(missed.map((q) => q.moduleSlug))];
  const missedList = page.getByRole("region", { name: "間違えた条項" });
  await expect(missedList.getByRole("listitem")).toHaveCount(missedClauses.length);
  for (const clause of missedClauses) await expect(missedList).toContainText(`基本方針 ${clause}`);
  await expect(page.getByRole("button", { name: "もう一度受ける" })).toHaveCount(0);
  await expectAccessible(page);
  const toReread = page.getByRole("list", { name: "読み直す教材" });
  await expect(toReread.getByRole("listitem")).toHaveCount(missedModules.length);
  for (const [i, slug] of missedModules.entries()) {
    await toReread.locator(`a[href$="/modules/${slug}"]`).click();
    await expect(page.getByText("前回のテストで間違えた条項の教材です。")).toBeVisible();
    await page.getByRole("button", { name: "読了にする" }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(`/modules/${slug}`));
    await page.goto(resultUrl);
    if (i < missedModules.length - 1) await expect(toReread.getByText("読み直し済み")).toHaveCount(i + 1);
  }

  // Retake with a new draw, at least half from the missed clauses' banks, answered with the keyboard alone.
  await page.getByRole("button", { name: "もう一度受ける" }).click();
  await expect(page.getByRole("group")).toHaveCount(20);
  const retake = openAttemptDraw("100001");
  expect(retake.map((q) => q.questionId)).not.toEqual(firstDraw.map((q) => q.questionId));
  const fromMissed = retake.filter((q) => missedClauses.includes(q.clause) || missedModules.includes(q.moduleSlug));
  expect(fromMissed.length).toBeGreaterThanOrEqual(10);
  expect(retake.some((q) => missedClauses.includes(q.clause))).toBe(true);
  await answerWithKeyboard(page, new Map(retake.map((q) => [q.questionId, q.answer])));
  await page.waitForURL(/\/attempts\/\d+$/, { timeout: 20_000 });
  await expect(page.getByText("20/20問正解（100%）")).toBeVisible();
  await expect(page.getByText("合格", { exact: true }).first()).toBeVisible();

  // Pledge, then the certificate.
  await page.getByRole("link", { name: "誓約へ進む" }).click();
  await expect(page.getByText("ポリシー及び情報セキュリティ実施手順を遵守しなければならない")).toBeVisible();
  await page.getByRole("button", { name: "誓約する" }).click();
  await expect(page.getByRole("alert").or(page.locator("input:invalid"))).toHaveCount(1); // the box must be ticked
  await page.getByLabel("上記を読み、遵守することを誓約します").check();
  await page.getByRole("button", { name: "誓約する" }).click();
  await expect(page.getByRole("heading", { name: "修 了 証" })).toBeVisible();
  await expect(page.locator(".certificate")).toContainText("山田 花子");
  await expect(page.locator(".certificate")).toContainText("新任者研修");
  await expect(page.locator(".certificate-code")).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
  // The policy carries no date and the city has set none: no 改定日 on the certificate or the policy page.
  await expect(page.locator(".certificate")).toContainText(/第\d+版/);
  await expect(page.locator(".certificate")).not.toContainText("改定日");
  await expectAccessible(page);

  await page.goto("/policy");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator("article.policy")).not.toContainText("改定日");
  await expect(page.locator("#c-6\\(2\\)イ")).toContainText("非意図的要因（編集注）");
  await expectAccessible(page);

  await page.goto("/");
  await expect(page.locator(".assignment", { hasText: "新任者研修" }).getByText("修了", { exact: true })).toBeVisible();
});

test("learner pages work at phone width", async ({ page, signIn }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn("100005");
  await page.goto("/");
  const card = page.locator(".assignment", { hasText: "年次研修" });
  await expect(card).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page);
});
