import { Prisma } from "~/generated/prisma/client.ts";
import { db } from "~/lib/db.server.ts";
import { sqlBoolean, sqlJson } from "~/lib/sql-dialect.server.ts";
import { reads, sqlDate } from "~/lib/sql-read.server.ts";
import {
  countByStatus,
  masteryByGroup,
  masteryMap,
  masteryMoves,
  type ClauseAnswer,
  type ClauseMastery,
  type MasteryCell,
  type MasteryMove,
} from "~/domain/mastery.ts";
import type { ReportFilter } from "~/domain/report-filter.ts";
import { currentRelease, getTrack } from "./catalogue.server.ts";
import { getScenario } from "./drill-scenarios.server.ts";
import { CITATION_ANCHOR } from "./lesson.server.ts";

/**
 * 習熟度 (mastery), computed when read from the answers already stored
 * (docs/decisions/011-mastery-model.md): nothing is added to the quiz
 * submission, whose write is the one a whole prefecture makes at once.
 */

/** A stored answer with the person who gave it and, for a quiz answer, its attempt. */
export type StaffAnswer = ClauseAnswer & { staffId: number; attemptId: number | null };

/**
 * Every answer of the people `staff` selects, oldest first: quiz answers (at
 * the attempt's submission), the question of the month (on the clause of
 * the question as asked), and drill outcomes on the scenario's clause — a
 * click a wrong answer, a report a right one. `staff(column)` is a condition
 * on a staff id column, e.g. `column = 12`.
 */
export async function storedAnswers(staff: (column: Prisma.Sql) => Prisma.Sql): Promise<StaffAnswer[]> {
  const [quiz, monthly, drills] = await Promise.all([
    reads.rows<{ staffId: number; attemptId: number; clauseId: string; correct: unknown; at: unknown }>(Prisma.sql`
      SELECT "QuizAttempt"."staffId" AS "staffId", "QuizAttempt"."id" AS "attemptId",
        "AttemptAnswer"."clauseId" AS "clauseId", "AttemptAnswer"."correct" AS "correct",
        "QuizAttempt"."submittedAt" AS "at"
      FROM "QuizAttempt" JOIN "AttemptAnswer" ON "AttemptAnswer"."attemptId" = "QuizAttempt"."id"
      WHERE ${staff(Prisma.sql`"QuizAttempt"."staffId"`)} AND "QuizAttempt"."submittedAt" IS NOT NULL
      ORDER BY "AttemptAnswer"."id"`),
    reads.rows<{ staffId: number; question: unknown; correct: unknown; at: unknown }>(Prisma.sql`
      SELECT "MonthlyAnswer"."staffId" AS "staffId", "MonthlyQuestion"."question" AS "question",
        "MonthlyAnswer"."correct" AS "correct", "MonthlyAnswer"."answeredAt" AS "at"
      FROM "MonthlyAnswer" JOIN "MonthlyQuestion" ON "MonthlyQuestion"."id" = "MonthlyAnswer"."monthlyQuestionId"
      WHERE ${staff(Prisma.sql`"MonthlyAnswer"."staffId"`)}`),
    reads.rows<{ staffId: number; scenarioId: string; clickedAt: unknown; reportedAt: unknown }>(Prisma.sql`
      SELECT "DrillMessage"."staffId" AS "staffId", "DrillCampaign"."scenarioId" AS "scenarioId",
        "DrillMessage"."clickedAt" AS "clickedAt", "DrillMessage"."reportedAt" AS "reportedAt"
      FROM "DrillMessage" JOIN "DrillCampaign" ON "DrillCampaign"."id" = "DrillMessage"."campaignId"
      WHERE ${staff(Prisma.sql`"DrillMessage"."staffId"`)}
        AND ("DrillMessage"."clickedAt" IS NOT NULL OR "DrillMessage"."reportedAt" IS NOT NULL)`),
  ]);
  const answers: StaffAnswer[] = quiz.map((row) => ({
    staffId: Number(row.staffId),
    attemptId: Number(row.attemptId),
    clauseId: row.clauseId,
    correct: sqlBoolean(row.correct),
    at: sqlDate(row.at)!,
  }));
  for (const row of monthly) {
    const clause = (sqlJson(row.question) as { clause?: unknown } | null)?.clause;
    if (typeof clause !== "string") continue;
    answers.push({
      staffId: Number(row.staffId),
      attemptId: null,
      clauseId: clause,
      correct: sqlBoolean(row.correct),
      at: sqlDate(row.at)!,
    });
  }
  for (const row of drills) {
    // A scenario removed from content/ no longer says which clause it exercised.
    const clauseId = getScenario(row.scenarioId)?.clause;
    if (!clauseId) continue;
    const staffId = Number(row.staffId);
    const clicked = sqlDate(row.clickedAt);
    const reported = sqlDate(row.reportedAt);
    if (clicked) answers.push({ staffId, attemptId: null, clauseId, correct: false, at: clicked });
    if (reported) answers.push({ staffId, attemptId: null, clauseId, correct: true, at: reported });
  }
  // Stable: the answers of one attempt, given at one instant, stay in the order they were asked.
  return answers.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** One person's stored answers, oldest first (see storedAnswers). */
export function personAnswers(staffId: number): Promise<StaffAnswer[]> {
  return storedAnswers((column) => Prisma.sql`${column} = ${staffId}`);
}

/** What mastery needs of the content: it changes only with a release, so it is read once per release. */
type MasteryContent = {
  /** The clauses that a question in force cites, in the policy's order: the ones a person can be asked. */
  clauses: { id: string; heading: string }[];
  /** The clauses each module in force cites. */
  moduleClauses: Map<string, ReadonlySet<string>>;
};

let cachedContent: { releaseId: number; content: Promise<MasteryContent> } | undefined;

async function masteryContent(): Promise<MasteryContent> {
  const release = await currentRelease();
  if (cachedContent?.releaseId !== release.id) {
    const content = readMasteryContent();
    cachedContent = { releaseId: release.id, content };
    // A failed read is not kept: the next call tries again.
    content.catch(() => {
      if (cachedContent?.content === content) cachedContent = undefined;
    });
  }
  return cachedContent.content;
}

async function readMasteryContent(): Promise<MasteryContent> {
  const [clauses, cited, modules] = await Promise.all([
    db.clause.findMany({
      where: { retired: false },
      orderBy: { sortOrder: "asc" },
      select: { id: true, heading: true },
    }),
    db.question.findMany({ where: { retired: false }, distinct: ["clauseId"], select: { clauseId: true } }),
    db.trainingModule.findMany({ where: { retired: false }, select: { slug: true, clauseIds: true } }),
  ]);
  const askable = new Set(cited.map((q) => q.clauseId));
  return {
    clauses: clauses.filter((c) => askable.has(c.id)),
    moduleClauses: new Map(modules.map((m) => [m.slug, new Set((m.clauseIds as string[] | null) ?? [])])),
  };
}

/** The clauses that a question in force cites, in the policy's order. */
export async function askableClauses() {
  return (await masteryContent()).clauses;
}

export type MasteryMapEntry = ClauseMastery & {
  heading: string;
  /** Where to read about the clause: the person's own lesson that cites it, else the policy's text. */
  href: string;
};

/**
 * 「あなたの理解度」: the person's mastery of each askable clause, where to
 * read about it, and what moved with their latest submitted quiz (the
 * clauses whose status differs from the map without that quiz's answers).
 */
export async function myMastery(staffId: number, now: Date = new Date()) {
  const [answers, { clauses, moduleClauses }] = await Promise.all([personAnswers(staffId), masteryContent()]);
  const lessons = await lessonsByClause(staffId, moduleClauses);
  const ids = clauses.map((c) => c.id);
  const map = masteryMap(ids, answers, now);
  const headings = new Map(clauses.map((c) => [c.id, c.heading]));
  const entries: MasteryMapEntry[] = map.map((m) => ({
    ...m,
    heading: headings.get(m.clauseId) ?? "",
    href: lessons.get(m.clauseId) ?? `/policy#${encodeURIComponent(`c-${m.clauseId}`)}`,
  }));

  let moves: MasteryMove[] = [];
  let lastQuizAt: Date | null = null;
  const lastQuiz = answers.findLast((a) => a.attemptId !== null);
  if (lastQuiz) {
    lastQuizAt = lastQuiz.at;
    const before = masteryMap(
      ids,
      answers.filter((a) => a.at < lastQuiz.at),
      now,
    );
    moves = masteryMoves(before, map);
  }
  return { clauses: entries, counts: countByStatus(map), moves, lastQuizAt };
}

/**
 * For each clause, the lesson that cites it in the person's most recent
 * assignment holding one, at the clause's first citation (the lesson
 * renderer gives it an anchor).
 */
async function lessonsByClause(staffId: number, moduleClauses: MasteryContent["moduleClauses"]) {
  const assignments = await reads.rows<{ id: number; trackId: string; moduleSlugs: unknown }>(Prisma.sql`
    SELECT "id", "trackId", "moduleSlugs" FROM "Assignment" WHERE "staffId" = ${staffId} ORDER BY "id" DESC`);
  const links = new Map<string, string>();
  for (const assignment of assignments) {
    const own = sqlJson(assignment.moduleSlugs);
    const slugs = Array.isArray(own) ? own.map(String) : ((await getTrack(assignment.trackId))?.modules ?? []);
    for (const slug of slugs) {
      for (const clauseId of moduleClauses.get(slug) ?? []) {
        if (!links.has(clauseId)) {
          links.set(
            clauseId,
            `/learn/${Number(assignment.id)}/modules/${slug}#${encodeURIComponent(`clause-${CITATION_ANCHOR}${clauseId}`)}`,
          );
        }
      }
    }
  }
  return links;
}

export type MasteryGroup = { id: string; name: string };

/**
 * The mastery heat maps for HR and managers: each askable clause by
 * organisation and by employee type, over the active staff the report filter
 * selects by organisation, section and employee type (the fiscal year, track
 * and status filters are about assignments, not about what people know).
 */
export async function masteryReport(filter: ReportFilter, now: Date = new Date()) {
  const staffWhere: Prisma.Sql[] = [Prisma.sql`"Staff"."active" = TRUE`];
  if (filter.organisationId !== undefined)
    staffWhere.push(Prisma.sql`"Staff"."organisationId" = ${filter.organisationId}`);
  if (filter.sectionId !== undefined) staffWhere.push(Prisma.sql`"Staff"."sectionId" = ${filter.sectionId}`);
  if (filter.employeeTypeCode !== undefined)
    staffWhere.push(Prisma.sql`"Staff"."employeeTypeCode" = ${filter.employeeTypeCode}`);
  const where = Prisma.join(staffWhere, " AND ");
  const [people, answers, clauses, organisations, employeeTypes] = await Promise.all([
    reads.rows<{ id: number; organisationId: string; employeeTypeCode: string }>(Prisma.sql`
      SELECT "Staff"."id" AS "id", "Staff"."organisationId" AS "organisationId",
        "Staff"."employeeTypeCode" AS "employeeTypeCode"
      FROM "Staff" WHERE ${where}`),
    storedAnswers((column) => Prisma.sql`${column} IN (SELECT "Staff"."id" FROM "Staff" WHERE ${where})`),
    askableClauses(),
    db.organisation.findMany({
      where: filter.organisationId === undefined ? {} : { id: filter.organisationId },
      orderBy: { sortOrder: "asc" },
      select: { id: true, name: true },
    }),
    db.employeeType.findMany({
      where: filter.employeeTypeCode === undefined ? {} : { code: filter.employeeTypeCode },
      orderBy: { sortOrder: "asc" },
      select: { code: true, name: true },
    }),
  ]);
  const clauseIds = clauses.map((c) => c.id);
  const byPerson = new Map<number, StaffAnswer[]>();
  for (const answer of answers) {
    const list = byPerson.get(answer.staffId);
    if (list) list.push(answer);
    else byPerson.set(answer.staffId, [answer]);
  }
  // People with no answer at all add nothing to any cell.
  const maps = people.flatMap((person) => {
    const own = byPerson.get(Number(person.id));
    return own ? [{ person, map: masteryMap(clauseIds, own, now) }] : [];
  });
  const organisationGroups: MasteryGroup[] = organisations.map((o) => ({ id: o.id, name: o.name }));
  const typeGroups: MasteryGroup[] = employeeTypes.map((e) => ({ id: e.code, name: e.name }));
  const toRows = (groups: MasteryGroup[], cells: Map<string, Map<string, MasteryCell>>) =>
    clauses.map((clause) => ({
      clauseId: clause.id,
      heading: clause.heading,
      cells: groups.map((group) => cells.get(clause.id)!.get(group.id)!),
    }));
  return {
    byOrganisation: {
      groups: organisationGroups,
      rows: toRows(
        organisationGroups,
        masteryByGroup(
          clauseIds,
          organisationGroups.map((g) => g.id),
          maps.map(({ person, map }) => ({ group: person.organisationId, map })),
        ),
      ),
    },
    byEmployeeType: {
      groups: typeGroups,
      rows: toRows(
        typeGroups,
        masteryByGroup(
          clauseIds,
          typeGroups.map((g) => g.id),
          maps.map(({ person, map }) => ({ group: person.employeeTypeCode, map })),
        ),
      ),
    },
  };
}

export type MasteryHeatMapData = Awaited<ReturnType<typeof masteryReport>>["byOrganisation"];
