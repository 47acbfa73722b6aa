import { db } from "~/lib/db.server.ts";
import { isRole, type Role } from "~/domain/roles.ts";

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

/**
 * The active member of staff behind a session, or null when the person was
 * deactivated or their sessions were ended (sessionVersion moved on).
 */
export async function findSignedInStaff(staffId: number, sessionVersion: number): Promise<SignedInStaff | null> {
  const staff = await db.staff.findUnique({
    where: { id: staffId },
    select: {
      id: true,
      employeeNumber: true,
      name: true,
      role: true,
      active: true,
      sessionVersion: true,
      organisationId: true,
      organisation: { select: { name: true } },
      section: { select: { name: true } },
      employeeType: { select: { name: true } },
      password: { select: { mustChange: true } },
    },
  });
  if (!staff || !staff.active || staff.sessionVersion !== sessionVersion || !isRole(staff.role)) return null;
  return {
    id: staff.id,
    employeeNumber: staff.employeeNumber,
    name: staff.name,
    role: staff.role,
    organisationId: staff.organisationId,
    organisationName: staff.organisation.name,
    sectionName: staff.section?.name ?? null,
    employeeTypeName: staff.employeeType.name,
    mustChangePassword: staff.password?.mustChange ?? false,
  };
}
