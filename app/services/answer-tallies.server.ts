import { Prisma } from "~/generated/prisma/client.ts";
import { chunks } from "~/lib/chunks.ts";

/**
 * The answer tallies behind the report's item analysis (model AnswerTally).
 * Counting a prefecture's millions of answers on every report view takes
 * seconds; these rows hold the same counts, kept in step in the
 * transaction of every change that moves them:
 * - a submission adds its answers (tallySubmissionSql);
 * - changing who a person is for the report — organisation, employee
 *   type, active — takes their answers out of the old rows and puts them
 *   in the new ones (moveTalliesOf).
 * So summing tallies equals counting the submitted answers of active staff
 * as they are now, which tests/integration/answer-tallies.test.ts checks.
 * The SQL is what SQLite and PostgreSQL share.
 */

type Client = Pick<Prisma.TransactionClient, "$executeRaw">;

/**
 * The statement adding (or with -1 taking away) the submitted answers of
 * active staff matching `where`. Exported for loads that write answers
 * without the app (the synthetic data, test fixtures) and count them all at
 * the end, with `where` TRUE.
 */
export function addAnswersSql(where: Prisma.Sql, sign: 1 | -1): Prisma.Sql {
  const signed = Prisma.raw(sign === 1 ? "" : "-");
  return Prisma.sql`
    INSERT INTO "AnswerTally" ("fiscalYear", "trackId", "organisationId", "employeeTypeCode",
      "questionId", "clauseId", "answered", "correct")
    SELECT "Assignment"."fiscalYear", "Assignment"."trackId", "Staff"."organisationId",
      "Staff"."employeeTypeCode", "AttemptAnswer"."questionId", "AttemptAnswer"."clauseId",
      ${signed}COUNT(*), ${signed}SUM(CASE WHEN "AttemptAnswer"."correct" = TRUE THEN 1 ELSE 0 END)
    FROM "AttemptAnswer"
    JOIN "QuizAttempt" ON "QuizAttempt"."id" = "AttemptAnswer"."attemptId"
    JOIN "Assignment" ON "Assignment"."id" = "QuizAttempt"."assignmentId"
    JOIN "Staff" ON "Staff"."id" = "Assignment"."staffId"
    WHERE "QuizAttempt"."submittedAt" IS NOT NULL AND "Staff"."active" = TRUE AND ${where}
    GROUP BY "Assignment"."fiscalYear", "Assignment"."trackId", "Staff"."organisationId",
      "Staff"."employeeTypeCode", "AttemptAnswer"."questionId", "AttemptAnswer"."clauseId"
    ON CONFLICT ("fiscalYear", "trackId", "organisationId", "employeeTypeCode", "questionId", "clauseId")
    DO UPDATE SET "answered" = "AnswerTally"."answered" + excluded."answered",
      "correct" = "AnswerTally"."correct" + excluded."correct"`;
}

function addAnswers(client: Client, where: Prisma.Sql, sign: 1 | -1) {
  return client.$executeRaw(addAnswersSql(where, sign));
}

/** The statement counting a just-submitted attempt's answers; in the submission's transaction. */
export function tallySubmissionSql(attemptId: number): Prisma.Sql {
  return addAnswersSql(Prisma.sql`"QuizAttempt"."id" = ${attemptId}`, 1);
}

/** Counts a just-submitted attempt's answers (tallySubmissionSql) through Prisma. */
export async function tallySubmission(tx: Client, attemptId: number): Promise<void> {
  await tx.$executeRaw(tallySubmissionSql(attemptId));
}

/**
 * Runs `change` — which may move people to another organisation or
 * employee type, or (de)activate them — with their answers taken out of
 * the tallies before and counted again after, as they then are.
 */
export async function moveTalliesOf<T>(tx: Client, staffIds: readonly number[], change: () => Promise<T>): Promise<T> {
  const slices = chunks([...new Set(staffIds)]);
  for (const ids of slices) await addAnswers(tx, Prisma.sql`"Staff"."id" IN (${Prisma.join(ids)})`, -1);
  const result = await change();
  for (const ids of slices) await addAnswers(tx, Prisma.sql`"Staff"."id" IN (${Prisma.join(ids)})`, 1);
  if (slices.length > 0) await tx.$executeRaw`DELETE FROM "AnswerTally" WHERE "answered" = 0`;
  return result;
}
