import bcrypt from "bcryptjs";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { normaliseEmployeeNumber } from "~/domain/employee-number.ts";

/** Hashes a password at the configured cost (BCRYPT_COST, 12 by default). */
export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, env.BCRYPT_COST);
}

// Compared against when the employee number is unknown, so that a wrong
// number takes as long as a wrong password and reveals nothing.
let decoyHash: Promise<string> | undefined;

/** The signed-in identity for a correct employee number and password, else null. */
export async function verifyLogin(
  employeeNumber: string,
  password: string,
): Promise<{ staffId: number; sessionVersion: number } | null> {
  const staff = await db.staff.findUnique({
    where: { employeeNumber: normaliseEmployeeNumber(employeeNumber) },
    select: { id: true, active: true, sessionVersion: true, password: { select: { hash: true } } },
  });
  const hash = staff?.password?.hash ?? (await (decoyHash ??= hashPassword("decoy-password")));
  const matches = await bcrypt.compare(password, hash);
  if (!staff || !staff.active || !staff.password || !matches) return null;
  return { staffId: staff.id, sessionVersion: staff.sessionVersion };
}
