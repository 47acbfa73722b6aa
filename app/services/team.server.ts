import { db } from "~/lib/db.server.ts";

/**
 * What a manager (情報セキュリティ管理者) may see is always bounded by their
 * own organisation: every query here takes it as its first argument.
 */

/** The active staff of one organisation. */
export function listTeam(organisationId: string) {
  return db.staff.findMany({
    where: { organisationId, active: true },
    orderBy: [{ section: { name: "asc" } }, { employeeNumber: "asc" }],
    select: {
      id: true,
      employeeNumber: true,
      name: true,
      section: { select: { name: true } },
      employeeType: { select: { name: true } },
    },
  });
}

/** A member of the organisation's staff, or null for anyone outside it. */
export function getTeamMember(organisationId: string, staffId: number) {
  return db.staff.findFirst({
    where: { id: staffId, organisationId },
    select: {
      id: true,
      employeeNumber: true,
      name: true,
      nameKana: true,
      startDate: true,
      appointmentStart: true,
      appointmentEnd: true,
      active: true,
      organisation: { select: { name: true } },
      section: { select: { name: true } },
      employeeType: { select: { name: true } },
    },
  });
}
