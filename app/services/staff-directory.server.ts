import { today } from "~/lib/clock.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { db } from "~/lib/db.server.ts";
import type { Actor } from "~/domain/audit.ts";
import { formatDuties } from "~/domain/duties.ts";
import { foldForSearch, staffSearchName } from "~/domain/name-search.ts";
import { isRole, type Role } from "~/domain/roles.ts";
import {
  appointmentProblem,
  mayAssignRole,
  mayManageAccount,
  ProtectedAccountError,
  type StaffRecordInput,
} from "~/domain/staff-record.ts";
import { moveTalliesOf } from "./answer-tallies.server.ts";
import { assignForStaff } from "./assignments.server.ts";
import { recordAudit } from "./audit.server.ts";
import { issueInitialPassword } from "./auth.server.ts";

export const DIRECTORY_PAGE_SIZE = 50;

export type StaffFilter = {
  q?: string;
  organisationId?: string;
  sectionId?: number;
  employeeTypeCode?: string;
  active?: boolean;
};

/**
 * The people a search box's text finds: by 職員番号 from its start, or by
 * name or reading anywhere in them, both folded (domain/name-search.ts).
 * An empty text finds everyone. Every people search goes through it.
 */
export function staffMatching(text: string | undefined): Prisma.StaffWhereInput {
  const q = text?.normalize("NFKC").trim();
  const folded = q ? foldForSearch(q) : "";
  if (!q || !folded) return {};
  return {
    OR: [{ employeeNumber: { startsWith: q.replace(/\s+/g, "").toUpperCase() } }, { searchName: { contains: folded } }],
  };
}

function whereOf(filter: StaffFilter): Prisma.StaffWhereInput {
  return {
    organisationId: filter.organisationId,
    sectionId: filter.sectionId,
    employeeTypeCode: filter.employeeTypeCode,
    active: filter.active,
    ...staffMatching(filter.q),
  };
}

/**
 * Fills the search form of rows written before it existed, or by a tool
 * that writes Staff directly; run by db:setup, a no-op once every row has one.
 */
export async function fillStaffSearchNames(): Promise<number> {
  let filled = 0;
  // By id, so that a row whose name folds to nothing is passed once, not read for ever.
  let after = 0;
  for (;;) {
    const rows = await db.staff.findMany({
      where: { searchName: "", id: { gt: after } },
      orderBy: { id: "asc" },
      select: { id: true, name: true, nameKana: true },
      take: 500,
    });
    if (rows.length === 0) return filled;
    after = rows[rows.length - 1]!.id;
    // A derived column: filling it changes nothing about the person, so updatedAt stays as it was.
    await db.$transaction(
      rows.map(
        (row) => db.$executeRaw`UPDATE "Staff" SET "searchName" = ${staffSearchName(row)} WHERE "id" = ${row.id}`,
      ),
    );
    filled += rows.length;
  }
}

/** One page of the staff directory under `filter`, with the total. */
export async function searchStaff(filter: StaffFilter, page = 1) {
  const where = whereOf(filter);
  const [total, staff] = await Promise.all([
    db.staff.count({ where }),
    db.staff.findMany({
      where,
      orderBy: [{ organisation: { sortOrder: "asc" } }, { employeeNumber: "asc" }],
      skip: (Math.max(1, page) - 1) * DIRECTORY_PAGE_SIZE,
      take: DIRECTORY_PAGE_SIZE,
      select: {
        id: true,
        employeeNumber: true,
        name: true,
        nameKana: true,
        role: true,
        active: true,
        lockedUntil: true,
        organisation: { select: { name: true } },
        section: { select: { name: true } },
        employeeType: { select: { name: true } },
      },
    }),
  ]);
  return { total, pageCount: Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE)), staff };
}

/** Organisations with their sections, and employee types: the choices of staff forms and filters. */
export async function staffFormOptions() {
  const [organisations, employeeTypes] = await Promise.all([
    db.organisation.findMany({
      orderBy: { sortOrder: "asc" },
      select: { id: true, name: true, sections: { orderBy: { name: "asc" }, select: { id: true, name: true } } },
    }),
    db.employeeType.findMany({
      orderBy: { sortOrder: "asc" },
      select: { code: true, name: true, hasAppointmentPeriod: true },
    }),
  ]);
  return { organisations, employeeTypes };
}

/** The columns of a staff record that HR edits and the CSV import compares. */
export const STAFF_RECORD_FIELDS = {
  id: true,
  employeeNumber: true,
  name: true,
  nameKana: true,
  organisationId: true,
  sectionId: true,
  employeeTypeCode: true,
  role: true,
  duties: true,
  startDate: true,
  appointmentStart: true,
  appointmentEnd: true,
  email: true,
  active: true,
  authSource: true,
} as const;

/** A member of staff as HR sees them, or null. */
export function getStaffRecord(staffId: number) {
  return db.staff.findUnique({
    where: { id: staffId },
    select: {
      ...STAFF_RECORD_FIELDS,
      lockedUntil: true,
      failedLogins: true,
      organisation: { select: { name: true } },
      section: { select: { name: true } },
      employeeType: { select: { name: true } },
      password: { select: { mustChange: true, updatedAt: true } },
    },
  });
}

export type StaffRecordProblem = {
  field: keyof StaffRecordInput;
  message:
    | "employeeNumberTaken"
    | "unknownOrganisation"
    | "sectionOutsideOrganisation"
    | "unknownEmployeeType"
    | "appointmentRequired"
    | "appointmentOrder"
    | "roleNotAllowed";
};

type Db = Pick<typeof db, "organisation" | "section" | "employeeType" | "staff">;

/**
 * Refuses, inside the transaction that would change it, to act on an ADMIN
 * account for anyone but an ADMIN (mayManageAccount): the check and the
 * write see the same role.
 */
async function guardAccount(tx: Pick<typeof db, "staff">, actor: { role: Role }, staffId: number) {
  const target = await tx.staff.findUniqueOrThrow({ where: { id: staffId }, select: { role: true } });
  if (!mayManageAccount(actor.role, target.role)) throw new ProtectedAccountError(staffId);
}

async function recordProblem(
  tx: Db,
  input: StaffRecordInput,
  actorRole: Role,
  existing: { id: number; role: string } | null,
): Promise<StaffRecordProblem | null> {
  const taken = await tx.staff.findUnique({ where: { employeeNumber: input.employeeNumber }, select: { id: true } });
  if (taken && taken.id !== existing?.id) return { field: "employeeNumber", message: "employeeNumberTaken" };
  if (!(await tx.organisation.findUnique({ where: { id: input.organisationId } }))) {
    return { field: "organisationId", message: "unknownOrganisation" };
  }
  if (input.sectionId !== undefined) {
    const section = await tx.section.findUnique({ where: { id: input.sectionId } });
    if (section?.organisationId !== input.organisationId)
      return { field: "sectionId", message: "sectionOutsideOrganisation" };
  }
  const type = await tx.employeeType.findUnique({ where: { code: input.employeeTypeCode } });
  if (!type) return { field: "employeeTypeCode", message: "unknownEmployeeType" };
  const appointment = appointmentProblem(
    type.hasAppointmentPeriod,
    input.appointmentStart ?? null,
    input.appointmentEnd ?? null,
  );
  if (appointment) return { field: "appointmentEnd", message: appointment };
  const from = existing && isRole(existing.role) ? existing.role : null;
  if (!mayAssignRole(actorRole, from, input.role)) return { field: "role", message: "roleNotAllowed" };
  return null;
}

function columnsOf(input: StaffRecordInput) {
  return {
    employeeNumber: input.employeeNumber,
    name: input.name,
    nameKana: input.nameKana,
    organisationId: input.organisationId,
    sectionId: input.sectionId ?? null,
    employeeTypeCode: input.employeeTypeCode,
    role: input.role,
    duties: formatDuties(input.duties),
    startDate: input.startDate,
    appointmentStart: input.appointmentStart ?? null,
    appointmentEnd: input.appointmentEnd ?? null,
    email: input.email ?? null,
  };
}

/** Registers a member of staff with a one-time initial password, shown to HR once. */
export async function createStaffRecord(actor: Actor & { role: Role }, input: StaffRecordInput) {
  const password = await issueInitialPassword();
  return db.$transaction(async (tx) => {
    const problem = await recordProblem(tx, input, actor.role, null);
    if (problem) return { ok: false as const, problem };
    const staff = await tx.staff.create({
      data: {
        ...columnsOf(input),
        searchName: staffSearchName(input),
        password: { create: { hash: password.hash, mustChange: true } },
      },
    });
    await recordAudit(tx, actor, {
      action: "staff.create",
      targetType: "staff",
      targetId: staff.id,
      detail: columnsOf(input),
    });
    await assignForStaff([staff.id], today(), tx);
    return { ok: true as const, staffId: staff.id, initialPassword: password.plain };
  });
}

/** Saves changes to a member of staff; a role change is audited as such. */
export async function updateStaffRecord(actor: Actor & { role: Role }, staffId: number, input: StaffRecordInput) {
  return db.$transaction(async (tx) => {
    const existing = await tx.staff.findUniqueOrThrow({ where: { id: staffId } });
    if (!mayManageAccount(actor.role, existing.role)) throw new ProtectedAccountError(staffId);
    const problem = await recordProblem(tx, input, actor.role, existing);
    if (problem) return { ok: false as const, problem };
    const next = columnsOf(input);
    const changes = Object.fromEntries(
      Object.entries(next)
        .filter(([key, value]) => existing[key as keyof typeof next] !== value)
        .map(([key, value]) => [key, [existing[key as keyof typeof next], value]]),
    );
    if (Object.keys(changes).length === 0) return { ok: true as const, changed: false };
    await moveTalliesOf(tx, [staffId], () =>
      tx.staff.update({ where: { id: staffId }, data: { ...next, searchName: staffSearchName(next) } }),
    );
    // A new appointment period, becoming MANAGER or a new 担当 brings new tracks.
    await assignForStaff([staffId], today(), tx);
    const { role, ...otherChanges } = changes;
    if (role)
      await recordAudit(tx, actor, {
        action: "staff.role-change",
        targetType: "staff",
        targetId: staffId,
        detail: { role },
      });
    if (Object.keys(otherChanges).length > 0) {
      await recordAudit(tx, actor, {
        action: "staff.update",
        targetType: "staff",
        targetId: staffId,
        detail: otherChanges,
      });
    }
    return { ok: true as const, changed: true };
  });
}

/**
 * Deactivates (retirement, end of appointment) or reactivates a member of
 * staff. Deactivation ends their sessions; their records stay for audit.
 */
export async function setStaffActive(actor: Actor & { role: Role }, staffId: number, active: boolean, reason: string) {
  await db.$transaction(async (tx) => {
    await guardAccount(tx, actor, staffId);
    await moveTalliesOf(tx, [staffId], () =>
      tx.staff.update({
        where: { id: staffId },
        data: active ? { active: true } : { active: false, sessionVersion: { increment: 1 } },
      }),
    );
    await recordAudit(tx, actor, {
      action: active ? "staff.reactivate" : "staff.deactivate",
      targetType: "staff",
      targetId: staffId,
      detail: { reason },
    });
  });
}

/** Issues a new one-time initial password, ending every session of the person. */
export async function resetStaffPassword(actor: Actor & { role: Role }, staffId: number): Promise<string> {
  const password = await issueInitialPassword();
  await db.$transaction(async (tx) => {
    await guardAccount(tx, actor, staffId);
    await tx.password.upsert({
      where: { staffId },
      create: { staffId, hash: password.hash, mustChange: true },
      update: { hash: password.hash, mustChange: true },
    });
    await tx.staff.update({
      where: { id: staffId },
      data: { sessionVersion: { increment: 1 }, failedLogins: 0, lockedUntil: null },
    });
    await recordAudit(tx, actor, { action: "staff.password-reset", targetType: "staff", targetId: staffId });
  });
  return password.plain;
}

/** Lifts a lockout after failed logins. */
export async function unlockStaff(actor: Actor & { role: Role }, staffId: number) {
  await db.$transaction(async (tx) => {
    await guardAccount(tx, actor, staffId);
    await tx.staff.update({ where: { id: staffId }, data: { failedLogins: 0, lockedUntil: null } });
    await recordAudit(tx, actor, { action: "staff.unlock", targetType: "staff", targetId: staffId });
  });
}

/** Ends every session of a person at once, on every device (ADMIN). */
export async function signOutEverywhere(actor: Actor, staffId: number) {
  await db.$transaction(async (tx) => {
    await tx.staff.update({ where: { id: staffId }, data: { sessionVersion: { increment: 1 } } });
    await recordAudit(tx, actor, { action: "staff.sign-out-everywhere", targetType: "staff", targetId: staffId });
  });
}
