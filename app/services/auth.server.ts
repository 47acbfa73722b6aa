import bcrypt from "bcryptjs";
import { randomBytes } from "node:crypto";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { normaliseEmployeeNumber } from "~/domain/employee-number.ts";
import { initialPassword, passwordProblem, type PasswordProblem } from "~/domain/password-policy.ts";
import { checkDirectoryPassword, directorySettings, type DirectorySettings } from "./ldap.server.ts";

/** Hashes a password at the configured cost (BCRYPT_COST, 12 by default). */
export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, env.BCRYPT_COST);
}

/** A new one-time initial password and its hash. */
export async function issueInitialPassword(): Promise<{ plain: string; hash: string }> {
  const plain = initialPassword(randomBytes(32));
  return { plain, hash: await hashPassword(plain) };
}

// Compared against when the employee number is unknown, so that a wrong
// number takes as long as a wrong password and reveals nothing.
let decoyHash: Promise<string> | undefined;

export type LoginResult =
  | { ok: true; staffId: number; sessionVersion: number }
  | { ok: false; reason: "invalid" | "throttled" | "directoryUnavailable" }
  | { ok: false; reason: "locked"; until: Date };

const minutes = (n: number) => n * 60_000;

/** Counts a failed login from `address`; true when the address is over its limit. */
async function addressThrottled(address: string, now: Date, record: boolean): Promise<boolean> {
  const windowStart = new Date(now.getTime() - minutes(env.LOGIN_THROTTLE_WINDOW_MINUTES));
  const row = await db.loginThrottle.findUnique({ where: { address } });
  const current = row && row.windowStart > windowStart ? row.attempts : 0;
  if (!record) return current >= env.LOGIN_THROTTLE_FAILURES;
  await db.loginThrottle.upsert({
    where: { address },
    create: { address, windowStart: now, attempts: 1 },
    update: current === 0 ? { windowStart: now, attempts: 1 } : { attempts: { increment: 1 } },
  });
  return current + 1 >= env.LOGIN_THROTTLE_FAILURES;
}

type LoginCandidate = { id: number; sessionVersion: number };

async function succeed(staff: LoginCandidate): Promise<LoginResult> {
  await db.staff.update({ where: { id: staff.id }, data: { failedLogins: 0, lockedUntil: null } });
  return { ok: true, staffId: staff.id, sessionVersion: staff.sessionVersion };
}

/** Counts a wrong password against the person (if known) and the address. */
async function fail(staff: LoginCandidate | null, address: string, now: Date): Promise<LoginResult> {
  if (staff) {
    const { failedLogins } = await db.staff.update({
      where: { id: staff.id },
      data: { failedLogins: { increment: 1 } },
      select: { failedLogins: true },
    });
    if (failedLogins >= env.LOGIN_MAX_FAILURES) {
      await db.staff.update({
        where: { id: staff.id },
        data: { failedLogins: 0, lockedUntil: new Date(now.getTime() + minutes(env.LOGIN_LOCK_MINUTES)) },
      });
    }
  }
  await addressThrottled(address, now, true);
  return { ok: false, reason: "invalid" };
}

/**
 * Checks an employee number and password. Failures are counted per person
 * (LOGIN_MAX_FAILURES in a row locks the account for LOGIN_LOCK_MINUTES) and
 * per client address, both in the database so every instance sees them.
 * Whether a number exists is never revealed: a locked account is reported
 * as locked only to someone who gave its correct password. People whose
 * auth source is DIRECTORY are checked by the city's directory instead
 * (`directory`, from the environment by default).
 */
export async function verifyLogin(
  employeeNumber: string,
  password: string,
  address: string,
  now = new Date(),
  directory: DirectorySettings | null = directorySettings,
): Promise<LoginResult> {
  if (await addressThrottled(address, now, false)) return { ok: false, reason: "throttled" };
  const staff = await db.staff.findUnique({
    where: { employeeNumber: normaliseEmployeeNumber(employeeNumber) },
    select: {
      id: true,
      employeeNumber: true,
      role: true,
      authSource: true,
      active: true,
      sessionVersion: true,
      lockedUntil: true,
      password: { select: { hash: true } },
    },
  });
  if (staff?.active && staff.authSource === "DIRECTORY") {
    // Mamori's own lockout comes before the directory is asked, so that
    // Mamori cannot lock a directory account faster than the city's policy.
    // Without asking, the password is unknown: locked reads as invalid.
    if (staff.lockedUntil && staff.lockedUntil > now) return { ok: false, reason: "invalid" };
    // Administrators keep a Mamori password that works whatever the
    // directory does, so that an outage cannot lock them out.
    if (staff.role === "ADMIN" && staff.password && (await bcrypt.compare(password, staff.password.hash))) {
      return succeed(staff);
    }
    const check = directory ? await checkDirectoryPassword(directory, staff.employeeNumber, password) : "unavailable";
    if (check === "unavailable") return { ok: false, reason: "directoryUnavailable" };
    return check === "ok" ? succeed(staff) : fail(staff, address, now);
  }

  const hash = staff?.password?.hash ?? (await (decoyHash ??= hashPassword("decoy-password")));
  const matches = await bcrypt.compare(password, hash);
  const usable = staff?.active && staff.password;

  if (usable && staff.lockedUntil && staff.lockedUntil > now) {
    return matches ? { ok: false, reason: "locked", until: staff.lockedUntil } : { ok: false, reason: "invalid" };
  }
  if (usable && matches) return succeed(staff);
  return fail(staff, address, now);
}

/** True when a person's password is the directory's, which Mamori cannot change (administrators keep a Mamori one). */
export async function passwordIsTheDirectorys(staffId: number): Promise<boolean> {
  const staff = await db.staff.findUniqueOrThrow({ where: { id: staffId }, select: { authSource: true, role: true } });
  return staff.authSource === "DIRECTORY" && staff.role !== "ADMIN";
}

export type PasswordChangeResult =
  { ok: true; sessionVersion: number } | { ok: false; problem: PasswordProblem | "wrongCurrent" | "sameAsCurrent" };

/**
 * Changes a person's own password. Ends every other session of theirs (the
 * caller starts a new one with the returned session version).
 */
export async function changePassword(
  staffId: number,
  input: { current: string; next: string; confirmation: string },
): Promise<PasswordChangeResult> {
  const staff = await db.staff.findUniqueOrThrow({
    where: { id: staffId },
    select: { employeeNumber: true, password: { select: { hash: true } } },
  });
  if (!staff.password || !(await bcrypt.compare(input.current, staff.password.hash))) {
    return { ok: false, problem: "wrongCurrent" };
  }
  const problem = passwordProblem(input.next, input.confirmation, staff.employeeNumber);
  if (problem) return { ok: false, problem };
  if (input.next === input.current) return { ok: false, problem: "sameAsCurrent" };
  const hash = await hashPassword(input.next);
  const [, updated] = await db.$transaction([
    db.password.update({ where: { staffId }, data: { hash, mustChange: false } }),
    db.staff.update({
      where: { id: staffId },
      data: { sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    }),
  ]);
  return { ok: true, sessionVersion: updated.sessionVersion };
}
