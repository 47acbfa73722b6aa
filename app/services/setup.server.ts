import { today } from "~/lib/clock.server.ts";
import { db } from "~/lib/db.server.ts";
import { dialect } from "~/lib/sql-dialect.server.ts";
import { EMPLOYEE_TYPES } from "../../prisma/seed/base.ts";
import { DEMO_PASSWORD, DEMO_SECTIONS, DEMO_STAFF } from "../../prisma/seed/demo.ts";
import { formatDuties } from "~/domain/duties.ts";
import { fiscalYearOf, fiscalYearRange } from "~/domain/fiscal-year.ts";
import { assignForStaff } from "./assignments.server.ts";
import type { DrawnQuestion } from "~/domain/quiz.ts";
import { hashPassword } from "./auth.server.ts";
import { startAttempt, submitAttempt } from "./quiz.server.ts";

/**
 * Write-ahead logging lets report queries read while quiz submissions
 * write; the mode is stored in the database file, so setting it once holds.
 */
export async function enableWriteAheadLog(): Promise<void> {
  if (dialect === "sqlite") await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
}

/**
 * Loads the employee types; safe to run again. The organisations are the
 * city's own: they come with its settings (city.server.ts seedCity).
 */
export async function applyBaseData(): Promise<void> {
  await db.$transaction([
    ...EMPLOYEE_TYPES.map((type, sortOrder) =>
      db.employeeType.upsert({
        where: { code: type.code },
        create: { ...type, sortOrder },
        update: { sortOrder },
      }),
    ),
  ]);
}

/**
 * Loads the demo sections and staff and assigns their training. Existing
 * people keep their password, so a demo user who changed it is not reset by
 * a restart.
 */
export async function loadDemoData(): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(async (tx) => {
    for (const [organisationId, names] of Object.entries(DEMO_SECTIONS)) {
      for (const name of names) {
        await tx.section.upsert({
          where: { organisationId_name: { organisationId, name } },
          create: { organisationId, name },
          update: {},
        });
      }
    }
    for (const { section, duties, ...person } of DEMO_STAFF) {
      const { id: sectionId } = await tx.section.findUniqueOrThrow({
        where: { organisationId_name: { organisationId: person.organisationId, name: section } },
      });
      const staff = await tx.staff.upsert({
        where: { employeeNumber: person.employeeNumber },
        create: { ...person, duties: formatDuties(duties ?? []), sectionId },
        update: {},
      });
      await tx.password.upsert({ where: { staffId: staff.id }, create: { staffId: staff.id, hash }, update: {} });
    }
    const demo = await tx.staff.findMany({
      where: { employeeNumber: { in: DEMO_STAFF.map((p) => p.employeeNumber) } },
    });
    // As if the city had run the rollover on 1 April: some demo staff are
    // then already late, which is what the reports are for.
    await assignForStaff(
      demo.map((p) => p.id),
      fiscalYearRange(fiscalYearOf(today())).start,
      tx,
    );
  });
}

/** Demo staff who have already passed their annual refresher, so reports show progress. */
const DEMO_COMPLETERS = ["100002", "200001", "300001"];

/** Passes the annual refresher for a few demo staff, through the real quiz engine. */
export async function completeDemoTraining(): Promise<void> {
  const assignments = await db.assignment.findMany({
    where: { trackId: "annual-refresher", completedAt: null, staff: { employeeNumber: { in: DEMO_COMPLETERS } } },
  });
  for (const assignment of assignments) {
    const started = await startAttempt(assignment.staffId, assignment.id);
    if (!started.ok) continue;
    const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: started.attemptId } });
    const answers = Object.fromEntries((attempt.draw as DrawnQuestion[]).map((q) => [q.questionId, q.answer]));
    await submitAttempt(assignment.staffId, attempt.id, answers);
  }
}
