import { today } from "~/lib/clock.server.ts";
import { db } from "~/lib/db.server.ts";
import { CLI_ACTOR } from "~/domain/audit.ts";
import { normaliseEmployeeNumber } from "~/domain/employee-number.ts";
import { EMPLOYEE_NUMBER } from "~/domain/staff-record.ts";
import { assignForStaff } from "./assignments.server.ts";
import { recordAudit } from "./audit.server.ts";
import { issueInitialPassword } from "./auth.server.ts";

/** What `npm run admin:create` was given. */
export type AdministratorRequest = {
  employeeNumber: string;
  name: string;
  /** An organisation's id or name; the city's first organisation when absent. */
  organisation?: string;
};

export type AdministratorResult =
  { ok: true; staffId: number; employeeNumber: string; oneTimePassword: string } | { ok: false; problem: string };

// An administrator is a member of staff like any other (they take their
// training too); these fill what the personnel system would, until a staff
// import brings their real record.
const ADMIN_EMPLOYEE_TYPE = "regular";

/**
 * Creates an ADMIN with a one-time password that must be changed at the
 * first sign-in: how a city's empty database gets the person who can then
 * import the staff and issue everyone else's passwords.
 */
export async function createAdministrator(request: AdministratorRequest): Promise<AdministratorResult> {
  const employeeNumber = normaliseEmployeeNumber(request.employeeNumber);
  const name = request.name.trim();
  if (!EMPLOYEE_NUMBER.test(employeeNumber)) return { ok: false, problem: employeeNumberProblem(employeeNumber) };
  if (name === "") return { ok: false, problem: "The name is empty: give it with --name." };
  if (name.length > 100) return { ok: false, problem: "The name is longer than 100 characters." };

  const password = await issueInitialPassword();
  return db.$transaction(async (tx) => {
    const existing = await tx.staff.findUnique({ where: { employeeNumber }, select: { role: true } });
    if (existing) {
      return {
        ok: false as const,
        problem:
          existing.role === "ADMIN"
            ? `Employee number ${employeeNumber} is already an ADMIN: add --reset to issue them a new one-time password.`
            : `Employee number ${employeeNumber} already exists as ${existing.role}: an ADMIN can grant them the ADMIN role in the browser.`,
      };
    }
    const organisation = await findOrganisation(tx, request.organisation);
    if (!organisation) {
      const known = await tx.organisation.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true } });
      return {
        ok: false as const,
        problem:
          known.length === 0
            ? "The database has no organisations yet: run npm run db:setup (or npm start) first."
            : `No organisation "${request.organisation}": use one of ${known.map((o) => o.id).join(", ")}.`,
      };
    }
    const record = {
      employeeNumber,
      name,
      organisationId: organisation.id,
      employeeTypeCode: ADMIN_EMPLOYEE_TYPE,
      role: "ADMIN",
      startDate: today(),
    };
    const staff = await tx.staff.create({
      data: { ...record, password: { create: { hash: password.hash, mustChange: true } } },
    });
    await recordAudit(tx, CLI_ACTOR, {
      action: "staff.create",
      targetType: "staff",
      targetId: staff.id,
      detail: { ...record, command: "admin:create" },
    });
    await assignForStaff([staff.id], today(), tx);
    return { ok: true as const, staffId: staff.id, employeeNumber, oneTimePassword: password.plain };
  });
}

/**
 * The break-glass path when every ADMIN is locked out or has lost their
 * password: a new one-time password for an existing ADMIN, their lockout
 * lifted and every session of theirs ended, recorded in the audit log.
 */
export async function resetAdministrator(rawEmployeeNumber: string): Promise<AdministratorResult> {
  const employeeNumber = normaliseEmployeeNumber(rawEmployeeNumber);
  if (!EMPLOYEE_NUMBER.test(employeeNumber)) return { ok: false, problem: employeeNumberProblem(employeeNumber) };
  const password = await issueInitialPassword();
  return db.$transaction(async (tx) => {
    const staff = await tx.staff.findUnique({
      where: { employeeNumber },
      select: { id: true, role: true, active: true },
    });
    if (!staff) {
      return {
        ok: false as const,
        problem: `No staff with employee number ${employeeNumber}: leave out --reset to create this ADMIN.`,
      };
    }
    if (staff.role !== "ADMIN") {
      return {
        ok: false as const,
        problem: `Employee number ${employeeNumber} is ${staff.role}, not ADMIN: --reset only issues passwords to ADMIN accounts.`,
      };
    }
    if (!staff.active) {
      return {
        ok: false as const,
        problem: `The ADMIN ${employeeNumber} is deactivated: create a new ADMIN with another employee number.`,
      };
    }
    await tx.password.upsert({
      where: { staffId: staff.id },
      create: { staffId: staff.id, hash: password.hash, mustChange: true },
      update: { hash: password.hash, mustChange: true },
    });
    await tx.staff.update({
      where: { id: staff.id },
      data: { sessionVersion: { increment: 1 }, failedLogins: 0, lockedUntil: null },
    });
    await recordAudit(tx, CLI_ACTOR, {
      action: "staff.password-reset",
      targetType: "staff",
      targetId: staff.id,
      detail: { command: "admin:create --reset", unlocked: true },
    });
    return { ok: true as const, staffId: staff.id, employeeNumber, oneTimePassword: password.plain };
  });
}

function employeeNumberProblem(employeeNumber: string): string {
  return employeeNumber === ""
    ? "The employee number is empty: give it with --employee-number."
    : `"${employeeNumber}" is not an employee number: use 1 to 20 digits, capital letters or hyphens.`;
}

type OrganisationReader = Pick<typeof db, "organisation">;

async function findOrganisation(tx: OrganisationReader, organisation: string | undefined) {
  const wanted = organisation?.trim();
  if (!wanted) return tx.organisation.findFirst({ orderBy: { sortOrder: "asc" }, select: { id: true } });
  return tx.organisation.findFirst({ where: { OR: [{ id: wanted }, { name: wanted }] }, select: { id: true } });
}
