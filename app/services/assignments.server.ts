import { Prisma } from "~/generated/prisma/client.ts";
import { db } from "~/lib/db.server.ts";
import { sqlInstant, sqlJsonRows } from "~/lib/sql-dialect.server.ts";
import { cycleKeyOf, requiredAssignments, trackAppliesTo, type RequiredAssignment } from "~/domain/assignment-rules.ts";
import { parseStoredDuties } from "~/domain/duties.ts";
import { addDays, fiscalYearOf } from "~/domain/fiscal-year.ts";
import { isRole } from "~/domain/roles.ts";
import type { Actor } from "~/domain/audit.ts";
import { chunks } from "~/lib/chunks.ts";
import { changesOf, type SqlWork } from "~/lib/sql-write.server.ts";
import { recordAudit } from "./audit.server.ts";
import { getTrack, listTracks } from "./catalogue.server.ts";

export type AssignmentSummary = { created: number; existing: number; skipped: number };

/** Staff read per query by the rollover: enough that 100,000 take twenty statements, not two hundred. */
const STAFF_PAGE = 5_000;

/** Assignments written per INSERT: a short hold of SQLite's write lock. */
const INSERT_ROWS = 2_000;

/**
 * Creates the assignments that the tracks' rules require for `fiscalYear`,
 * for the given staff or everyone. Existing assignments are kept as they are
 * (due dates included): the unique (staff, track, cycle) key means running
 * this twice, or from two processes at once, creates nothing twice.
 * `skipped` counts staff who need nothing this year (inactive, or no track applies).
 */
export async function assignForFiscalYear(
  fiscalYear: number,
  today: string,
  staffIds?: readonly number[],
  tx?: Prisma.TransactionClient,
): Promise<AssignmentSummary> {
  const client = tx ?? db;
  const tracks = await listTracks(client);
  const summary: AssignmentSummary = { created: 0, existing: 0, skipped: 0 };
  const select = {
    id: true,
    employeeTypeCode: true,
    role: true,
    duties: true,
    startDate: true,
    appointmentStart: true,
    appointmentEnd: true,
    active: true,
  } as const;
  // Given staff: a slice of their ids at a time; everyone: by id, a page at a time.
  const slices = staffIds ? chunks([...staffIds].sort((a, b) => a - b)) : null;
  let cursor = 0;
  for (let slice = 0; ; slice++) {
    const staff = slices
      ? slice < slices.length
        ? await client.staff.findMany({ where: { id: { in: slices[slice] } }, select })
        : []
      : await client.staff.findMany({
          where: { id: { gt: cursor } },
          orderBy: { id: "asc" },
          take: STAFF_PAGE,
          select,
        });
    if (staff.length === 0) return summary;
    cursor = staff.at(-1)!.id;

    const wanted: Wanted[] = [];
    for (const person of staff) {
      const role = isRole(person.role) ? person.role : "LEARNER";
      const duties = parseStoredDuties(person.duties);
      const required = requiredAssignments({ ...person, role, duties }, tracks, fiscalYear, today);
      if (required.length === 0) summary.skipped++;
      wanted.push(...required.map((r) => ({ ...r, staffId: person.id })));
    }
    const added = await insertMissing(client, wanted);
    summary.created += added;
    summary.existing += wanted.length - added;
  }
}

type Wanted = RequiredAssignment & { staffId: number };

const WANTED_COLUMNS = [
  { name: "staffId", type: "INTEGER" },
  { name: "trackId", type: "TEXT" },
  { name: "cycleKey", type: "TEXT" },
  { name: "fiscalYear", type: "INTEGER" },
  { name: "dueDate", type: "TEXT" },
] as const;

/**
 * Inserts the assignments not yet present and returns how many it created:
 * an INSERT of a batch of rows (bound as one JSON value, sqlJsonRows) that
 * skips the (staff, track, cycle) keys already held, so nothing is read
 * first and a second process assigning the same people at the same time
 * makes no duplicate and no error. Outside a transaction each statement
 * commits on its own, holding SQLite's write lock for a few thousand rows
 * at most, so learners' submissions are not kept waiting while a
 * prefecture's rollover runs.
 */
async function insertMissing(client: Pick<Prisma.TransactionClient, "$executeRaw">, wanted: Wanted[]) {
  let created = 0;
  const now = sqlInstant(new Date());
  for (const rows of chunks(wanted, INSERT_ROWS)) {
    const values = rows.map((w) => [w.staffId, w.trackId, w.cycleKey, w.fiscalYear, w.dueDate]);
    // WHERE TRUE: SQLite reads ON CONFLICT after a bare FROM as part of a join.
    created += await client.$executeRaw`
      INSERT INTO "Assignment" ("staffId", "trackId", "cycleKey", "fiscalYear", "dueDate", "createdAt")
      SELECT "r"."staffId", "r"."trackId", "r"."cycleKey", "r"."fiscalYear", "r"."dueDate", ${now}
      FROM (${sqlJsonRows(values, WANTED_COLUMNS)}) AS "r"
      WHERE TRUE
      ON CONFLICT ("staffId", "trackId", "cycleKey") DO NOTHING`;
  }
  return created;
}

/**
 * Assigns what newly created or changed staff need: in the current fiscal
 * year, and in the year of their start date if that is later (people
 * imported in March who start on 1 April).
 */
export async function assignForStaff(
  staffIds: readonly number[],
  today: string,
  tx?: Prisma.TransactionClient,
): Promise<AssignmentSummary> {
  if (staffIds.length === 0) return { created: 0, existing: 0, skipped: 0 };
  const current = fiscalYearOf(today);
  const starts = [];
  for (const ids of chunks(staffIds)) {
    starts.push(...(await (tx ?? db).staff.findMany({ where: { id: { in: ids } }, select: { startDate: true } })));
  }
  const years = [...new Set([current, ...starts.map((s) => fiscalYearOf(s.startDate)).filter((fy) => fy > current)])];
  const total: AssignmentSummary = { created: 0, existing: 0, skipped: 0 };
  for (const year of years) {
    const part = await assignForFiscalYear(year, today, staffIds, tx);
    total.created += part.created;
    total.existing += part.existing;
    total.skipped += part.skipped;
  }
  return total;
}

/**
 * 年度更新: assigns every member of staff what the new fiscal year requires,
 * and records who ran it. Safe to run again, and while people take quizzes:
 * it only inserts missing assignments and never touches existing ones.
 */
export async function rollOverFiscalYear(actor: Actor, fiscalYear: number, today: string): Promise<AssignmentSummary> {
  const summary = await assignForFiscalYear(fiscalYear, today);
  await recordAudit(db, actor, {
    action: "assignments.rollover",
    targetType: "fiscalYear",
    targetId: fiscalYear,
    detail: { ...summary, today },
  });
  return summary;
}

export type DueDateSelection =
  | { assignmentId: number }
  | { fiscalYear: number; trackId?: string; organisationId?: string; sectionId?: number; employeeTypeCode?: string };

function selectionWhere(selection: DueDateSelection, newDueDate: string): Prisma.AssignmentWhereInput {
  // Extending never shortens a deadline, and completed training keeps its own.
  const open = { completedAt: null, dueDate: { lt: newDueDate } };
  if ("assignmentId" in selection) return { id: selection.assignmentId, ...open };
  const { fiscalYear, trackId, organisationId, sectionId, employeeTypeCode } = selection;
  return { fiscalYear, trackId, staff: { active: true, organisationId, sectionId, employeeTypeCode }, ...open };
}

/** How many open assignments an extension to `newDueDate` would move. */
export function countExtendable(selection: DueDateSelection, newDueDate: string): Promise<number> {
  return db.assignment.count({ where: selectionWhere(selection, newDueDate) });
}

/**
 * Moves the due date of one assignment, or of every open assignment under
 * a filter, to `newDueDate`, with the reason in the audit log. Only later
 * dates apply: an extension never brings a deadline forward.
 */
export async function extendDueDates(actor: Actor, selection: DueDateSelection, newDueDate: string, reason: string) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.assignment.updateMany({
      where: selectionWhere(selection, newDueDate),
      data: { dueDate: newDueDate },
    });
    await recordAudit(tx, actor, {
      action: "assignments.extend-due",
      targetType: "assignmentId" in selection ? "assignment" : "filter",
      targetId: "assignmentId" in selection ? selection.assignmentId : undefined,
      detail: { selection, newDueDate, reason, count },
    });
    return count;
  });
}

/** What decides whether a track applies to a person. */
export type FollowUpPerson = {
  id: number;
  employeeTypeCode: string;
  role: string;
  duties: string;
  active: boolean;
};

/**
 * The follow-up course a click on a drill's mail gives a person, due
 * `track.due` days after `today`: one per person per campaign (the cycle
 * key DRILL-C<id>). Null when the track is not a drill track in force or
 * does not apply to the person. Written by assignFollowUp.
 */
export async function drillFollowUp(
  person: FollowUpPerson,
  trackId: string,
  campaignId: number,
  today: string,
): Promise<Wanted | null> {
  const track = await getTrack(trackId);
  if (!track || track.cycle !== "drill" || !person.active) return null;
  const role = isRole(person.role) ? person.role : "LEARNER";
  const duties = parseStoredDuties(person.duties);
  if (!trackAppliesTo(track, { employeeTypeCode: person.employeeTypeCode, role, duties })) return null;
  const days = track.due.kind === "daysAfter" ? track.due.days : 14;
  return {
    staffId: person.id,
    trackId,
    cycleKey: cycleKeyOf({ cycle: "drill", campaignId }),
    fiscalYear: fiscalYearOf(today),
    dueDate: addDays(today, days),
  };
}

/**
 * In a write transaction (sql-write.server.ts): adds the assignment unless
 * the person already holds it, so a second click or a second instance adds
 * nothing. Returns 1 when it was added.
 */
export function* assignFollowUp(w: Wanted): SqlWork<number> {
  return yield* changesOf(Prisma.sql`
    INSERT INTO "Assignment" ("staffId", "trackId", "cycleKey", "fiscalYear", "dueDate", "createdAt")
    VALUES (${w.staffId}, ${w.trackId}, ${w.cycleKey}, ${w.fiscalYear}, ${w.dueDate}, ${sqlInstant(new Date())})
    ON CONFLICT ("staffId", "trackId", "cycleKey") DO NOTHING`);
}
