import { createHash, randomBytes } from "node:crypto";
import { isRole, type Role } from "~/domain/roles.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { chunks } from "./chunks.ts";
import { db } from "./db.server.ts";
import { env } from "./env.server.ts";
import { sqlBoolean, sqlInstant } from "./sql-dialect.server.ts";
import { reads } from "./sql-read.server.ts";
import { log } from "./log.server.ts";

/**
 * Server-side sessions (the Session table), so that a session can end: at
 * logout, after SESSION_IDLE_MINUTES without a request, SESSION_MAX_HOURS
 * after sign-in, and for every browser of a person at once when their
 * sessionVersion moves on. Every instance reads the same table, so a
 * revocation holds across instances. docs/security.md, "Sessions".
 */

export type SignedInStaff = {
  id: number;
  employeeNumber: string;
  name: string;
  role: Role;
  organisationId: string;
  organisationName: string;
  /** Null for someone in no 課: for a MANAGER, a 部長 (domain/manager-scope.ts). */
  sectionId: number | null;
  sectionName: string | null;
  employeeTypeName: string;
  /** Signed in with an initial password that must be changed first. */
  mustChangePassword: boolean;
};

/** 256 random bits, as the cookie carries them. */
const newToken = () => randomBytes(32).toString("base64url");
const digest = (token: string) => createHash("sha256").update(token).digest("hex");

const minutes = (n: number) => n * 60_000;

/**
 * The last-seen time is written at most once a minute per session: the idle
 * timeout is counted in minutes, and a write on every page would cost every
 * request a transaction.
 */
const TOUCH_EVERY_MS = minutes(1);

/** Starts a session for a person whose password was just checked; returns the cookie's token. */
export async function startSession(
  identity: { staffId: number; sessionVersion: number },
  address: string,
  now = new Date(),
): Promise<string> {
  const token = newToken();
  await db.$transaction([
    pruneSessionsStatement(now),
    db.session.create({
      data: {
        tokenHash: digest(token),
        staffId: identity.staffId,
        sessionVersion: identity.sessionVersion,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + env.SESSION_MAX_HOURS * 60 * minutes(1)),
        address,
      },
    }),
  ]);
  return token;
}

/** Ends one session (logout). An unknown token is ignored: the cookie is cleared anyway. */
export async function revokeSession(token: string, now = new Date()): Promise<void> {
  await db.session.updateMany({ where: { tokenHash: digest(token), revokedAt: null }, data: { revokedAt: now } });
}

/**
 * Deletes sessions that can no longer sign anyone in: past their lifetime,
 * idle too long, or revoked. Run with every sign-in, which is often enough
 * to keep the table at about the number of people signed in today.
 */
function pruneSessionsStatement(now: Date) {
  return db.session.deleteMany({
    where: {
      OR: [
        { expiresAt: { lte: now } },
        { lastSeenAt: { lte: new Date(now.getTime() - minutes(env.SESSION_IDLE_MINUTES)) } },
        { revokedAt: { not: null } },
      ],
    },
  });
}

/**
 * Sessions seen since the last write of last-seen times. A learner who
 * opens a page every few minutes needs the write on most requests; made on
 * the request it cost each one a transaction of its own (about a
 * millisecond of CPU through Prisma). Written instead in one statement a
 * second for every session seen in it; a crash loses at most that second,
 * which an idle timeout counted in minutes does not notice.
 */
const pendingTouches = new Set<number>();
let touchTimer: NodeJS.Timeout | undefined;
const TOUCH_WRITE_MS = 1_000;

function touchLater(sessionId: number): void {
  pendingTouches.add(sessionId);
  touchTimer ??= setTimeout(() => {
    flushSessionTouches().catch((error: unknown) => log.error({ err: error }, "writing last-seen times failed"));
  }, TOUCH_WRITE_MS).unref();
}

/** Writes the pending last-seen times now (the timer; tests that check them). */
export async function flushSessionTouches(now = new Date()): Promise<void> {
  clearTimeout(touchTimer);
  touchTimer = undefined;
  const ids = [...pendingTouches];
  pendingTouches.clear();
  for (const slice of chunks(ids)) {
    await db.$executeRaw`UPDATE "Session" SET "lastSeenAt" = ${sqlInstant(now)} WHERE "id" IN (${Prisma.join(slice)})`;
  }
}

type SignedInRow = {
  sessionId: number;
  needsTouch: unknown;
  id: number;
  employeeNumber: string;
  name: string;
  role: string;
  active: unknown;
  organisationId: string;
  organisationName: string;
  sectionId: unknown;
  sectionName: string | null;
  employeeTypeName: string;
  mustChange: unknown;
};

/**
 * The active member of staff behind a session token, or null when the
 * session is unknown, revoked, idle too long, past its lifetime, or was
 * started under an older sessionVersion, or the person was deactivated.
 * Every page asks this, so it is one statement, on the read connection
 * (sql-read.server.ts); the last-seen time is written at most once a
 * minute per session, a second later, with others (touchLater).
 */
export async function findSessionStaff(token: string, now = new Date()): Promise<SignedInStaff | null> {
  const idleSince = new Date(now.getTime() - minutes(env.SESSION_IDLE_MINUTES));
  const touchBefore = new Date(now.getTime() - TOUCH_EVERY_MS);
  const [row] = await reads.rows<SignedInRow>(Prisma.sql`
    SELECT "Session"."id" AS "sessionId",
      CASE WHEN "Session"."lastSeenAt" < ${sqlInstant(touchBefore)} THEN 1 ELSE 0 END AS "needsTouch",
      "Staff"."id", "Staff"."employeeNumber", "Staff"."name", "Staff"."role", "Staff"."active",
      "Staff"."organisationId", "Staff"."sectionId",
      "Organisation"."name" AS "organisationName", "Section"."name" AS "sectionName",
      "EmployeeType"."name" AS "employeeTypeName", "Password"."mustChange" AS "mustChange"
    FROM "Session"
    JOIN "Staff" ON "Staff"."id" = "Session"."staffId" AND "Staff"."sessionVersion" = "Session"."sessionVersion"
    JOIN "Organisation" ON "Organisation"."id" = "Staff"."organisationId"
    JOIN "EmployeeType" ON "EmployeeType"."code" = "Staff"."employeeTypeCode"
    LEFT JOIN "Section" ON "Section"."id" = "Staff"."sectionId"
    LEFT JOIN "Password" ON "Password"."staffId" = "Staff"."id"
    WHERE "Session"."tokenHash" = ${digest(token)}
      AND "Session"."revokedAt" IS NULL
      AND "Session"."expiresAt" > ${sqlInstant(now)}
      AND "Session"."lastSeenAt" > ${sqlInstant(idleSince)}`);
  if (!row || !sqlBoolean(row.active) || !isRole(row.role)) return null;
  // SQLite gives booleans and CASE results as numbers (or bigints), PostgreSQL as their own types.
  if (Number(row.needsTouch) === 1) touchLater(Number(row.sessionId));
  return {
    id: Number(row.id),
    employeeNumber: row.employeeNumber,
    name: row.name,
    role: row.role,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    sectionId: row.sectionId === null || row.sectionId === undefined ? null : Number(row.sectionId),
    sectionName: row.sectionName ?? null,
    employeeTypeName: row.employeeTypeName,
    mustChangePassword: sqlBoolean(row.mustChange),
  };
}
