/**
 * The demo's named people (README, "Demo logins") and their first steps,
 * through the product's own services: loaded by prisma/seed/load-demo.ts,
 * never by the product itself.
 */
import { today } from "~/lib/clock.server.ts";
import { db } from "~/lib/db.server.ts";
import { formatDuties } from "~/domain/duties.ts";
import { staffSearchName } from "~/domain/name-search.ts";
import { fiscalYearOf, fiscalYearRange } from "~/domain/fiscal-year.ts";
import type { DrawnQuestion } from "~/domain/quiz.ts";
import { assignForStaff } from "~/services/assignments.server.ts";
import { hashPassword } from "~/services/auth.server.ts";
import { startAttempt, submitAttempt } from "~/services/quiz.server.ts";
import { DEMO_MAIL_DOMAIN, DEMO_PASSWORD, DEMO_SECTIONS, DEMO_STAFF } from "./demo.ts";

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
        create: {
          ...person,
          searchName: staffSearchName(person),
          duties: formatDuties(duties ?? []),
          sectionId,
          email: `${person.employeeNumber}@${DEMO_MAIL_DOMAIN}`,
        },
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
    await submitAttempt(assignment.staffId, assignment.id, attempt.id, answers);
  }
}
