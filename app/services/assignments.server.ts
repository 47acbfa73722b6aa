import type { Prisma } from "~/generated/prisma/client.ts";
import { db } from "~/lib/db.server.ts";
import { requiredAssignments, type RequiredAssignment } from "~/domain/assignment-rules.ts";
import { parseStoredDuties } from "~/domain/duties.ts";
import { fiscalYearOf } from "~/domain/fiscal-year.ts";
import { isRole } from "~/domain/roles.ts";
import type { Actor } from "~/domain/audit.ts";
import { BATCH, chunks } from "~/lib/chunks.ts";
import { recordAudit } from "./audit.server.ts";
import { listTracks } from "./catalogue.server.ts";

export type AssignmentSummary = { created: number; existing: number; skipped: number };

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
  // Given staff: a slice of their ids at a time; everyone: by id, a batch at a time.
  const slices = staffIds ? chunks([...staffIds].sort((a, b) => a - b)) : null;
  let cursor = 0;
  for (let slice = 0; ; slice++) {
    const staff = slices
      ? slice < slices.length
        ? await client.staff.findMany({ where: { id: { in: slices[slice] } }, select })
        : []
      : await client.staff.findMany({ where: { id: { gt: cursor } }, orderBy: { id: "asc" }, take: BATCH, select });
    if (staff.length === 0) return summary;
    cursor = staff.at(-1)!.id;

    const wanted: (RequiredAssignment & { staffId: number })[] = [];
    for (const person of staff) {
      const role = isRole(person.role) ? person.role : "LEARNER";
      const duties = parseStoredDuties(person.duties);
      const required = requiredAssignments({ ...person, role, duties }, tracks, fiscalYear, today);
      if (required.length === 0) summary.skipped++;
      wanted.push(...required.map((r) => ({ ...r, staffId: person.id })));
    }
    const added = tx ? await insertMissing(tx, wanted) : await insertMissingInTransaction(wanted);
    summary.created += added;
    summary.existing += wanted.length - added;
  }
}

const keyOf = (a: { staffId: number; trackId: string; cycleKey: string }) => `${a.staffId}|${a.trackId}|${a.cycleKey}`;

type Wanted = RequiredAssignment & { staffId: number };

/** Inserts the assignments not yet present; returns how many it created. */
async function insertMissing(tx: Prisma.TransactionClient, wanted: Wanted[]): Promise<number> {
  if (wanted.length === 0) return 0;
  const present = await tx.assignment.findMany({
    where: { staffId: { in: [...new Set(wanted.map((w) => w.staffId))] } },
    select: { staffId: true, trackId: true, cycleKey: true },
  });
  const have = new Set(present.map(keyOf));
  const missing = wanted.filter((w) => !have.has(keyOf(w)));
  await tx.assignment.createMany({ data: missing });
  return missing.length;
}

async function insertMissingInTransaction(wanted: Wanted[], retries = 2): Promise<number> {
  try {
    return await db.$transaction((tx) => insertMissing(tx, wanted));
  } catch (error) {
    // Another process assigned the same people first: the unique key refused
    // the duplicates, so look again at what is now present.
    if (retries > 0 && (error as { code?: string }).code === "P2002")
      return insertMissingInTransaction(wanted, retries - 1);
    throw error;
  }
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
