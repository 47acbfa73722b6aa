import { beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "~/domain/audit.ts";
import type { ReportFilter } from "~/domain/report-filter.ts";
import { db } from "~/lib/db.server.ts";
import { submitAttempt } from "~/services/quiz.server.ts";
import { itemAnalysis } from "~/services/reports.server.ts";
import { setStaffActive, updateStaffRecord } from "~/services/staff-directory.server.ts";
import { importStaff, readStaffCsv } from "~/services/staff-import.server.ts";
import { createStaff, openQuizAttempt } from "./factories.ts";

/**
 * The report's item analysis sums answer tallies kept as answers are
 * submitted and people move. Whatever happens, it must equal counting the
 * submitted answers of active staff as they are now — computed here the
 * slow way, in JavaScript.
 */

const TODAY = "2026-11-25";
const HR = { ...CLI_ACTOR, role: "ADMIN" as const };
type Person = Awaited<ReturnType<typeof createStaff>>;
let aoki: Person;
let ishii: Person;
let ueda: Person;
let sectionId: number;

async function counted(filter: ReportFilter) {
  const answers = await db.attemptAnswer.findMany({
    where: {
      attempt: {
        submittedAt: { not: null },
        assignment: {
          fiscalYear: filter.fiscalYear,
          trackId: filter.trackId,
          staff: {
            active: true,
            organisationId: filter.organisationId,
            sectionId: filter.sectionId,
            employeeTypeCode: filter.employeeTypeCode,
          },
        },
      },
    },
    select: { questionId: true, clauseId: true, correct: true },
  });
  const tally = (key: "questionId" | "clauseId") => {
    const byKey = new Map<string, [number, number]>();
    for (const answer of answers) {
      const [answered, correct] = byKey.get(answer[key]) ?? [0, 0];
      byKey.set(answer[key], [answered + 1, correct + (answer.correct ? 1 : 0)]);
    }
    return [...byKey].map(([id, [answered, correct]]) => [id, answered, correct]).sort();
  };
  return { questions: tally("questionId"), clauses: tally("clauseId") };
}

async function reported(filter: ReportFilter) {
  const { questions, clauses } = await itemAnalysis(filter, TODAY);
  return {
    questions: questions.map((q) => [q.questionId, q.answered, q.correct]).sort(),
    clauses: clauses.map((c) => [c.clauseId, c.answered, c.correct]).sort(),
  };
}

const FILTERS: ReportFilter[] = [
  { fiscalYear: 2026 },
  { fiscalYear: 2026, organisationId: "mayor" },
  { fiscalYear: 2026, organisationId: "waterworks" },
  { fiscalYear: 2026, employeeTypeCode: "fiscal-year" },
  { fiscalYear: 2026, trackId: "annual-refresher" },
  { fiscalYear: 2026, trackId: "onboarding", organisationId: "mayor", employeeTypeCode: "regular" },
];

async function expectTalliesToMatchTheAnswers() {
  for (const filter of FILTERS) {
    expect(await reported(filter), JSON.stringify(filter)).toEqual(await counted(filter));
  }
  const { questions } = await reported({ fiscalYear: 2026 });
  expect(questions.length).toBeGreaterThan(0);
  // A section filter counts the answers themselves: the same figures.
  expect(await reported({ fiscalYear: 2026, sectionId })).toEqual(await counted({ fiscalYear: 2026, sectionId }));
}

/** Takes one quiz through the service: every `n`th question answered right, the rest wrong. */
async function takeQuiz(person: Person, trackId: string, everyNthRight: number) {
  // The quiz opens once every module is read.
  const { attempt, draw } = await openQuizAttempt(person.id, trackId, `FY2026-${trackId}`);
  const responses = Object.fromEntries(
    draw.map((q, i) => [
      q.questionId,
      i % everyNthRight === 0 ? q.answer : [q.choices.find((c) => !q.answer.includes(c.id))!.id],
    ]),
  );
  await submitAttempt(person.id, attempt.assignmentId, attempt.id, responses);
}

beforeAll(async () => {
  sectionId = (await db.section.create({ data: { organisationId: "mayor", name: "情報政策課" } })).id;
  aoki = await createStaff({ employeeNumber: "810001", organisationId: "mayor" });
  await db.staff.update({ where: { id: aoki.id }, data: { sectionId } });
  ishii = await createStaff({
    employeeNumber: "810002",
    organisationId: "waterworks",
    employeeTypeCode: "fiscal-year",
  });
  ueda = await createStaff({ employeeNumber: "810003", organisationId: "mayor" });
  await takeQuiz(aoki, "annual-refresher", 2);
  await takeQuiz(aoki, "onboarding", 3);
  await takeQuiz(ishii, "annual-refresher", 1);
  await takeQuiz(ueda, "annual-refresher", 4);
});

describe("answer tallies", () => {
  it("count every submitted answer", async () => {
    await expectTalliesToMatchTheAnswers();
  });

  it("follow a person moved to another organisation or employee type", async () => {
    const record = {
      employeeNumber: aoki.employeeNumber,
      name: aoki.name,
      nameKana: "",
      organisationId: "waterworks",
      sectionId: undefined,
      employeeTypeCode: "reappointed",
      role: "LEARNER" as const,
      duties: [],
      startDate: aoki.startDate,
    };
    expect(await updateStaffRecord(HR, aoki.id, record)).toEqual({ ok: true, changed: true });
    await expectTalliesToMatchTheAnswers();
    expect(
      await updateStaffRecord(HR, aoki.id, {
        ...record,
        organisationId: "mayor",
        sectionId,
        employeeTypeCode: "regular",
      }),
    ).toMatchObject({ ok: true });
    await expectTalliesToMatchTheAnswers();
  });

  it("drop a deactivated person and count them again when reactivated", async () => {
    await setStaffActive(HR, ishii.id, false, "退職");
    await expectTalliesToMatchTheAnswers();
    expect((await reported({ fiscalYear: 2026, organisationId: "waterworks" })).questions).toEqual([]);
    await setStaffActive(HR, ishii.id, true, "再任用");
    await expectTalliesToMatchTheAnswers();
  });

  it("follow the changes of a staff CSV import, and its deactivations", async () => {
    const header = "職員番号,氏名,氏名カナ,所属,課,任用形態,役割,採用日,任用開始日,任用終了日,在職";
    const line = (p: Person, organisation: string, type: string) =>
      `${p.employeeNumber},${p.name},,${organisation},,${type},職員,2026/4/1,,,1`;
    const text = [header, line(aoki, "上下水道局", "常勤職員"), line(ueda, "市長部局", "常勤職員")].join("\r\n");
    const others = await db.staff.findMany({
      where: { active: true, id: { notIn: [aoki.id, ueda.id] } },
      select: { id: true },
    });
    const result = await importStaff(await readStaffCsv("move.csv", new TextEncoder().encode(`${text}\r\n`)), {
      actor: CLI_ACTOR,
      actorRole: null,
      deactivateMissing: true,
    });
    expect(result).toMatchObject({ ok: true, deactivated: others.length });
    await expectTalliesToMatchTheAnswers();
    expect((await reported({ fiscalYear: 2026, employeeTypeCode: "fiscal-year" })).questions).toEqual([]);
  });
});
