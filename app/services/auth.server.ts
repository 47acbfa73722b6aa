import bcrypt from "bcryptjs";
import { randomBytes } from "node:crypto";
import { Prisma } from "~/generated/prisma/client.ts";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { sqlInstant } from "~/lib/sql-dialect.server.ts";
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

/**
 * A bcrypt hash of nothing at the configured cost: a salt with a made-up
 * digest, which no password matches. Checked against whenever no real hash
 * is (an unknown number, a locked account, a directory person), so that
 * every sign-in does the same bcrypt work and the time tells nothing.
 */
let decoyHash: string | undefined;
function decoyCompare(password: string): Promise<boolean> {
  decoyHash ??= bcrypt.genSaltSync(env.BCRYPT_COST) + "A".repeat(31);
  return bcrypt.compare(password, decoyHash);
}

export type LoginResult =
  | { ok: true; staffId: number; sessionVersion: number }
  | { ok: false; reason: "invalid" | "locked" | "throttled" | "directoryUnavailable" };

const minutes = (n: number) => n * 60_000;

/**
 * Counts an attempt from `address` before it is checked, in one statement,
 * so that a burst cannot slip past the limit (see reserveAttempt); true when
 * the address is over LOGIN_THROTTLE_FAILURES in its window. An attempt that
 * succeeds is given back: the throttle counts failures.
 */
async function reserveAddressAttempt(address: string, now: Date): Promise<boolean> {
  const windowOpen = sqlInstant(new Date(now.getTime() - minutes(env.LOGIN_THROTTLE_WINDOW_MINUTES)));
  const inWindow = Prisma.sql`"LoginThrottle"."windowStart" > ${windowOpen}`;
  const rows = await db.$queryRaw<{ attempts: number | bigint }[]>`
    INSERT INTO "LoginThrottle" ("address", "windowStart", "attempts") VALUES (${address}, ${sqlInstant(now)}, 1)
    ON CONFLICT ("address") DO UPDATE SET
      "attempts" = CASE WHEN ${inWindow} THEN "LoginThrottle"."attempts" + 1 ELSE 1 END,
      "windowStart" = CASE WHEN ${inWindow} THEN "LoginThrottle"."windowStart" ELSE ${sqlInstant(now)} END
    RETURNING "attempts"`;
  return Number(rows[0]!.attempts) > env.LOGIN_THROTTLE_FAILURES;
}

async function releaseAddressAttempt(address: string) {
  await db.$executeRaw`
    UPDATE "LoginThrottle" SET "attempts" = "attempts" - 1 WHERE "address" = ${address} AND "attempts" > 0`;
}

/** A guess counted before it is checked; `locks` when it was the one that set the lock. */
type Attempt = { locks: Date | null };

/**
 * Counts one guess at a person's password before the password is looked
 * at, in one conditional statement: the count goes up and, at
 * LOGIN_MAX_FAILURES, the lock is set, unless the account is locked already
 * (then null: the guess is not checked). Concurrent guesses, on one
 * instance or several, each take their own step of the count in the
 * database, so a burst cannot get more guesses checked than the limit. A
 * right password then clears the count (clearFailures).
 */
async function reserveAttempt(staffId: number, now: Date): Promise<Attempt | null> {
  const lockEnd = new Date(now.getTime() + minutes(env.LOGIN_LOCK_MINUTES));
  // A lock that has run out starts a new count.
  const count = Prisma.sql`CASE WHEN "lockedUntil" IS NULL THEN "failedLogins" + 1 ELSE 1 END`;
  const rows = await db.$queryRaw<{ failedLogins: number | bigint }[]>`
    UPDATE "Staff" SET
      "failedLogins" = ${count},
      "lockedUntil" = CASE WHEN ${count} >= ${env.LOGIN_MAX_FAILURES} THEN ${sqlInstant(lockEnd)} ELSE NULL END
    WHERE "id" = ${staffId} AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${sqlInstant(now)})
    RETURNING "failedLogins"`;
  if (rows.length === 0) return null;
  return { locks: Number(rows[0]!.failedLogins) >= env.LOGIN_MAX_FAILURES ? lockEnd : null };
}

/** The password was right: the count starts again, and a lock set by this burst's own guesses goes. */
async function clearFailures(staffId: number) {
  await db.staff.update({ where: { id: staffId }, data: { failedLogins: 0, lockedUntil: null } });
}

/** Gives back a guess that could not be checked (the directory did not answer): it is not the person's failure. */
async function releaseAttempt(staffId: number, attempt: Attempt) {
  const lockedUntil = attempt.locks
    ? Prisma.sql`CASE WHEN "lockedUntil" = ${sqlInstant(attempt.locks)} THEN NULL ELSE "lockedUntil" END`
    : Prisma.sql`"lockedUntil"`;
  await db.$executeRaw`
    UPDATE "Staff" SET "failedLogins" = "failedLogins" - 1, "lockedUntil" = ${lockedUntil}
    WHERE "id" = ${staffId} AND "failedLogins" > 0`;
}

/**
 * Checks an employee number and password. Every guess at a known person's
 * password is counted before it is checked (reserveAttempt):
 * LOGIN_MAX_FAILURES in a row lock the account for LOGIN_LOCK_MINUTES, and
 * a locked account's password is not checked at all, so the right one
 * cannot be told from a wrong one. Every attempt is also counted per client
 * address first (reserveAddressAttempt), and given back when it succeeds.
 * Both counts live in the database, so every instance sees them. People
 * whose auth source is DIRECTORY are checked by the city's directory
 * (`directory`, from the environment by default). "locked" is for the
 * caller's records only: the login form answers it as "invalid".
 */
export async function verifyLogin(
  employeeNumber: string,
  password: string,
  address: string,
  now = new Date(),
  directory: DirectorySettings | null = directorySettings,
): Promise<LoginResult> {
  if (await reserveAddressAttempt(address, now)) return { ok: false, reason: "throttled" };
  const staff = await db.staff.findUnique({
    where: { employeeNumber: normaliseEmployeeNumber(employeeNumber) },
    select: {
      id: true,
      employeeNumber: true,
      role: true,
      authSource: true,
      active: true,
      sessionVersion: true,
      password: { select: { hash: true } },
    },
  });
  const canSignIn = staff?.active && (staff.authSource === "DIRECTORY" || staff.password);
  if (!staff || !canSignIn) {
    await decoyCompare(password);
    return { ok: false, reason: "invalid" };
  }
  const attempt = await reserveAttempt(staff.id, now);
  if (!attempt) {
    await decoyCompare(password);
    return { ok: false, reason: "locked" };
  }
  const succeed = async (): Promise<LoginResult> => {
    await clearFailures(staff.id);
    await releaseAddressAttempt(address);
    return { ok: true, staffId: staff.id, sessionVersion: staff.sessionVersion };
  };

  if (staff.authSource === "DIRECTORY") {
    // Administrators keep a Mamori password that works whatever the
    // directory does, so that an outage cannot lock them out. Everyone
    // else is compared with the decoy, for the same bcrypt work.
    const breakGlass = staff.role === "ADMIN" ? staff.password?.hash : undefined;
    if (breakGlass ? await bcrypt.compare(password, breakGlass) : await decoyCompare(password)) return succeed();
    const check = directory ? await checkDirectoryPassword(directory, staff.employeeNumber, password) : "unavailable";
    if (check === "unavailable") {
      await releaseAttempt(staff.id, attempt);
      await releaseAddressAttempt(address);
      return { ok: false, reason: "directoryUnavailable" };
    }
    return check === "ok" ? succeed() : { ok: false, reason: "invalid" };
  }
  return (await bcrypt.compare(password, staff.password!.hash)) ? succeed() : { ok: false, reason: "invalid" };
}

/**
 * verifyLogin for the login form: a failed sign-in is answered no sooner
 * than LOGIN_FAILURE_MIN_MS after it began, whatever failed (an unknown
 * number, a wrong Mamori or directory password, a locked account), so that
 * the time tells an attacker nothing the words do not. The floor must be
 * longer than the slowest of them, a bcrypt compare at BCRYPT_COST.
 */
export async function signIn(employeeNumber: string, password: string, address: string): Promise<LoginResult> {
  const started = performance.now();
  const result = await verifyLogin(employeeNumber, password, address);
  if (!result.ok) {
    const wait = started + env.loginFailureMinMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return result;
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
 * caller starts a new one with the returned session version). A wrong
 * current password counts towards the lockout as a failed sign-in does.
 */
export async function changePassword(
  staffId: number,
  input: { current: string; next: string; confirmation: string },
): Promise<PasswordChangeResult> {
  const staff = await db.staff.findUniqueOrThrow({
    where: { id: staffId },
    select: { employeeNumber: true, password: { select: { hash: true } } },
  });
  if (!staff.password) return { ok: false, problem: "wrongCurrent" };
  // Whoever holds a session (a PC left signed in) may not guess the
  // current password more often than the login form allows.
  const attempt = await reserveAttempt(staffId, new Date());
  if (!attempt) {
    await decoyCompare(input.current);
    return { ok: false, problem: "wrongCurrent" };
  }
  if (!(await bcrypt.compare(input.current, staff.password.hash))) return { ok: false, problem: "wrongCurrent" };
  await clearFailures(staffId);
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
