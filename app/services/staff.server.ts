import { db } from "~/lib/db.server.ts";
import { isRole, type Role } from "~/domain/roles.ts";
import { sqlBoolean } from "~/lib/sql-dialect.server.ts";

export type SignedInStaff = {
  id: number;
  employeeNumber: string;
  name: string;
  role: Role;
  organisationId: string;
  organisationName: string;
  sectionName: string | null;
  employeeTypeName: string;
  /** Signed in with an initial password that must be changed first. */
  mustChangePassword: boolean;
};

type SignedInRow = {
  id: number;
  employeeNumber: string;
  name: string;
  role: string;
  active: unknown;
  sessionVersion: number;
  organisationId: string;
  organisationName: string;
  sectionName: string | null;
  employeeTypeName: string;
  mustChange: unknown;
};

/**
 * The active member of staff behind a session, or null when the person was
 * deactivated or their sessions were ended (sessionVersion moved on).
 * Every page asks this, so it is one statement: Prisma would read each
 * relation with a statement of its own.
 */
export async function findSignedInStaff(staffId: number, sessionVersion: number): Promise<SignedInStaff | null> {
  const [staff] = await db.$queryRaw<SignedInRow[]>`
    SELECT "Staff"."id", "Staff"."employeeNumber", "Staff"."name", "Staff"."role", "Staff"."active",
      "Staff"."sessionVersion", "Staff"."organisationId",
      "Organisation"."name" AS "organisationName", "Section"."name" AS "sectionName",
      "EmployeeType"."name" AS "employeeTypeName", "Password"."mustChange" AS "mustChange"
    FROM "Staff"
    JOIN "Organisation" ON "Organisation"."id" = "Staff"."organisationId"
    JOIN "EmployeeType" ON "EmployeeType"."code" = "Staff"."employeeTypeCode"
    LEFT JOIN "Section" ON "Section"."id" = "Staff"."sectionId"
    LEFT JOIN "Password" ON "Password"."staffId" = "Staff"."id"
    WHERE "Staff"."id" = ${staffId}`;
  // SQLite gives booleans as 0 and 1, PostgreSQL as booleans.
  if (!staff || !sqlBoolean(staff.active) || Number(staff.sessionVersion) !== sessionVersion || !isRole(staff.role))
    return null;
  return {
    id: Number(staff.id),
    employeeNumber: staff.employeeNumber,
    name: staff.name,
    role: staff.role,
    organisationId: staff.organisationId,
    organisationName: staff.organisationName,
    sectionName: staff.sectionName ?? null,
    employeeTypeName: staff.employeeTypeName,
    mustChangePassword: sqlBoolean(staff.mustChange),
  };
}
