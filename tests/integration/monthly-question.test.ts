import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { loader as homeLoader } from "~/routes/_index.tsx";
import { action as adminAction } from "~/routes/admin.monthly-question.tsx";
import { action as answerAction } from "~/routes/monthly-question.tsx";
import { monthlyQuestionReports, setMonthlyQuestion } from "~/services/monthly-question.server.ts";
import { createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

const TODAY = "2026-11-25"; // MAMORI_TODAY in tests/integration/setup-db.ts

type Person = { id: number };

async function answer(person: Person, monthlyQuestionId: number, choiceId: string) {
  return call(
    answerAction,
    await requestAs(person, "/monthly-question", { form: { monthlyQuestionId: String(monthlyQuestionId), choiceId } }),
  );
}

async function homeQuestion(person: Person) {
  return (await (await call(homeLoader, await requestAs(person, "/"))).json()).monthlyQuestion;
}

/** A submitted attempt with the given answers, as the quiz engine stores them. */
async function submittedAnswers(
  person: Person,
  submittedAt: string,
  answers: { questionId: string; clauseId: string; correct: boolean }[],
) {
  const assignment = await db.assignment.create({
    data: {
      staffId: person.id,
      trackId: "annual-refresher",
      cycleKey: `FY2026-${submittedAt}`,
      fiscalYear: 2026,
      dueDate: "2026-12-31",
    },
  });
  await db.quizAttempt.create({
    data: {
      assignmentId: assignment.id,
      staffId: person.id,
      releaseId: 1,
      draw: [],
      responses: {},
      passPercent: 80,
      total: answers.length,
      submittedAt: new Date(submittedAt),
      correct: 0,
      percent: 0,
      passed: false,
      answers: { create: answers.map((a) => ({ ...a, chosen: [] })) },
    },
  });
}

describe("question of the month", () => {
  it("is answered with one click, once, shows the explanation and clause at once, and counts towards no course", async () => {
    const hr = await createStaff({ role: "HR" });
    const set = await call(
      adminAction,
      await requestAs(hr, "/admin/monthly-question", {
        form: { intent: "choose", month: "2026-11", questionId: "duty-01" },
      }),
    );
    expect(set.status).toBe(200);
    const learner = await createStaff({ employeeTypeCode: "fiscal-year" });
    const shown = await homeQuestion(learner);
    expect(shown.result).toBeNull();
    expect(JSON.stringify(shown)).not.toContain('"answer"'); // no answer key before answering

    const before = await Promise.all([
      db.quizAttempt.count(),
      db.attemptAnswer.count(),
      db.answerTally.count(),
      db.assignment.count(),
    ]);
    const response = await answer(learner, shown.id, "a");
    expect(response.status).toBe(302);
    const result = (await homeQuestion(learner)).result;
    expect(result).toMatchObject({ choiceId: "a", correct: false, answer: ["c"] });
    expect(result.explanation.length).toBeGreaterThan(0);
    expect(result.clause).toMatchObject({ id: "4" });

    // A second click, even on the right answer, changes nothing.
    await answer(learner, shown.id, "c");
    expect((await homeQuestion(learner)).result).toMatchObject({ choiceId: "a", correct: false });
    expect(await db.monthlyAnswer.count({ where: { staffId: learner.id } })).toBe(1);
    expect(
      await Promise.all([
        db.quizAttempt.count(),
        db.attemptAnswer.count(),
        db.answerTally.count(),
        db.assignment.count(),
      ]),
    ).toEqual(before);

    // A choice the question does not have, or another month's question, is refused.
    const other = await createStaff();
    expect((await answer(other, shown.id, "zz")).status).toBe(400);
    expect((await answer(other, shown.id + 999, "a")).status).toBe(400);
    expect(await db.monthlyAnswer.count({ where: { staffId: other.id } })).toBe(0);

    // Once answered, the month's question can no longer be changed.
    const refused = await call(
      adminAction,
      await requestAs(hr, "/admin/monthly-question", {
        form: { intent: "choose", month: "2026-11", questionId: "duty-02" },
      }),
    );
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toBe("この月の一問にはすでに回答があるため、変更できません。");
  });

  it("refuses a multiple-choice question, an unknown one and a month out of reach", async () => {
    const hr = await createStaff({ role: "HR" });
    const forms: Record<string, string>[] = [
      { intent: "choose", month: "2026-12", questionId: "duty-07" },
      { intent: "choose", month: "2026-12", questionId: "no-such-question" },
      { intent: "choose", month: "2025-01", questionId: "duty-01" },
      { intent: "pick", month: "2026-12" },
    ];
    for (const form of forms) {
      const response = await call(adminAction, await requestAs(hr, "/admin/monthly-question", { form }));
      expect(response.status).toBe(400);
    }
    expect(await db.monthlyQuestion.count({ where: { month: "2026-12" } })).toBe(0);
  });

  it("can be written for the month: a single-choice question citing a clause, refused when incomplete", async () => {
    const hr = await createStaff({ role: "HR" });
    const written = {
      intent: "write",
      month: "2026-12",
      prompt: "年末年始に庁外へ持ち出す資料について、正しいものはどれですか。",
      choice1: "許可を得て、決められた方法で持ち出す",
      choice2: "",
      choice3: "私用のUSBメモリに入れて持ち帰る",
      answer: "1",
      explanation: "情報資産を守ることは職員等の義務です。",
      clause: "4",
    };
    const refusals: [Record<string, string>, string][] = [
      [{ ...written, choice3: "" }, "選択肢を2つ以上入力してください（各100文字以内）。"],
      [{ ...written, answer: "2" }, "正解には、入力した選択肢を選んでください。"],
      [{ ...written, clause: "99" }, "根拠の条項を選んでください。"],
      [{ ...written, explanation: " " }, "解説を入力してください（1,000文字以内）。"],
    ];
    for (const [form, message] of refusals) {
      const response = await call(adminAction, await requestAs(hr, "/admin/monthly-question", { form }));
      expect(response.status).toBe(400);
      expect((await response.json()).error).toBe(message);
    }
    expect(await db.monthlyQuestion.count({ where: { month: "2026-12" } })).toBe(0);

    const saved = await call(adminAction, await requestAs(hr, "/admin/monthly-question", { form: written }));
    expect(saved.status).toBe(200);
    const row = await db.monthlyQuestion.findUniqueOrThrow({ where: { month: "2026-12" } });
    expect(row).toMatchObject({ questionId: null, chosenBy: "written" });
    // The blank second choice is left out; the choices are lettered in the order typed.
    expect(row.question).toEqual({
      prompt: written.prompt,
      type: "single",
      choices: [
        { id: "a", text: written.choice1 },
        { id: "b", text: written.choice3 },
      ],
      answer: ["a"],
      explanation: written.explanation,
      clause: "4",
    });
    // Nobody has answered it yet: HR may still replace it, as the last test does.
  });

  it("lets Mamori pick the clause staff got wrong most last month, from the report's item analysis", async () => {
    const person = await createStaff({ organisationId: "audit" });
    // September (Japan time): 7(3) is missed most. Clause 4's misses at 00:30 on 1 October
    // Japan time are September in UTC: counting them would make clause 4 the pick.
    await submittedAnswers(person, "2026-09-15T03:00:00Z", [
      { questionId: "documents-01", clauseId: "7(3)", correct: false },
      { questionId: "documents-02", clauseId: "7(3)", correct: true },
      { questionId: "duty-01", clauseId: "4", correct: true },
    ]);
    await submittedAnswers(person, "2026-09-30T15:30:00Z", [
      { questionId: "duty-02", clauseId: "4", correct: false },
      { questionId: "duty-03", clauseId: "4", correct: false },
    ]);
    const result = await setMonthlyQuestion({ staffId: null, address: "cli" }, { month: "2026-10", auto: true }, TODAY);
    expect(result).toEqual({ ok: true, questionId: "documents-01", clauseId: "7(3)" });
    const saved = await db.monthlyQuestion.findUniqueOrThrow({ where: { month: "2026-10" } });
    expect(saved.chosenBy).toBe("auto");

    const none = await setMonthlyQuestion({ staffId: null, address: "cli" }, { month: "2026-09", auto: true }, TODAY);
    expect(none).toEqual({ ok: false, error: expect.stringContaining("2026-08") });
  });

  it("reports the share correct by employee type, a manager's own staff only", async () => {
    const hr = await createStaff({ role: "HR" });
    await setMonthlyQuestion({ staffId: hr.id, address: "test" }, { month: "2026-12", questionId: "duty-02" }, TODAY);
    const question = await db.monthlyQuestion.findUniqueOrThrow({ where: { month: "2026-12" } });
    const answers: [string, string, string][] = [
      ["waterworks", "regular", "a"],
      ["waterworks", "regular", "a"],
      ["waterworks", "regular", "b"],
      ["waterworks", "fiscal-year", "a"],
      ["waterworks", "fiscal-year", "c"],
      ["fire", "fiscal-year", "a"],
    ];
    for (const [organisationId, employeeTypeCode, choiceId] of answers) {
      const person = await createStaff({ organisationId, employeeTypeCode });
      // Answers are only taken in their month: write them as December would.
      await db.monthlyAnswer.create({
        data: { monthlyQuestionId: question.id, staffId: person.id, choiceId, correct: choiceId === "a" },
      });
    }
    const all = (await monthlyQuestionReports(undefined)).questions.find((q) => q.month === "2026-12")!;
    expect(all.byEmployeeType.map((g) => [g.code, g.answered, g.correct])).toEqual([
      ["regular", 3, 2],
      ["reappointed", 0, 0],
      ["fiscal-year", 3, 2],
      ["special", 0, 0],
    ]);
    const waterworks = (await monthlyQuestionReports({ organisationId: "waterworks" })).questions.find(
      (q) => q.month === "2026-12",
    )!;
    expect(waterworks.total).toEqual({ answered: 5, correct: 3 });
  });

  it("shows the choices shuffled as a quiz does, in the same order for one person on every visit", async () => {
    const hr = await createStaff({ role: "HR" });
    if (!(await db.monthlyQuestion.findUnique({ where: { month: "2026-11" } }))) {
      await setMonthlyQuestion({ staffId: hr.id, address: "test" }, { month: "2026-11", questionId: "duty-01" }, TODAY);
    }
    const saved = await db.monthlyQuestion.findUniqueOrThrow({ where: { month: "2026-11" } });
    const stored = (saved.question as { choices: { id: string }[] }).choices.map((c) => c.id).join("");
    const ids = (question: { choices: { id: string }[] }) => question.choices.map((c) => c.id).join("");
    const orders: string[] = [];
    for (let i = 0; i < 8; i++) {
      const person = await createStaff();
      const first = ids(await homeQuestion(person));
      expect(ids(await homeQuestion(person))).toBe(first);
      expect([...first].sort().join("")).toBe([...stored].sort().join(""));
      orders.push(first);
    }
    // Eight people seeing only the stored order, or the same first choice, would mean no shuffle.
    expect(orders.some((order) => order !== stored)).toBe(true);
    expect(new Set(orders.map((order) => order[0])).size).toBeGreaterThan(1);
  });
});

describe("question of the month from the bank, for someone whose training can still ask it", () => {
  // The month's question can be replaced only while nobody has answered it: the tests above did.
  beforeAll(async () => {
    await db.monthlyAnswer.deleteMany({});
    await chooseForNovember("duty-01");
  });

  async function chooseForNovember(questionId: string) {
    const hr = await createStaff({ role: "HR" });
    const set = await call(
      adminAction,
      await requestAs(hr, "/admin/monthly-question", { form: { intent: "choose", month: "2026-11", questionId } }),
    );
    expect(set.status).toBe(200);
  }

  async function withRefresher(completed: boolean) {
    const manager = await createStaff({ role: "MANAGER" });
    await db.assignment.create({
      data: {
        staffId: manager.id,
        trackId: "annual-refresher",
        cycleKey: "FY2026",
        fiscalYear: 2026,
        dueDate: "2026-12-31",
        completedAt: completed ? new Date("2026-10-01T00:00:00Z") : null,
      },
    });
    return manager;
  }

  it("records the answer but shows neither the key, the explanation nor whether it was right", async () => {
    const manager = await withRefresher(false);
    const shown = await homeQuestion(manager);
    expect((await answer(manager, shown.id, "a")).status).toBe(302);
    const after = await homeQuestion(manager);
    expect(after.result).toEqual({ choiceId: "a", keyHidden: true });
    const body = JSON.stringify(await (await call(homeLoader, await requestAs(manager, "/"))).json());
    expect(body).not.toMatch(/"answer"|"explanation"|"correct"/);
    expect(await db.monthlyAnswer.count({ where: { staffId: manager.id } })).toBe(1);
  });

  it("shows the key to someone who has completed that training", async () => {
    const manager = await withRefresher(true);
    const shown = await homeQuestion(manager);
    await answer(manager, shown.id, "a");
    const after = await homeQuestion(manager);
    expect(after.result).toMatchObject({ choiceId: "a", keyHidden: false });
    expect(after.result.explanation).not.toBe("");
  });
});
