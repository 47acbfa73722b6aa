import { Prisma } from "~/generated/prisma/client.ts";
import type { Actor } from "~/domain/audit.ts";
import {
  describeAudience,
  parseAudience,
  reaches,
  type AudienceMember,
  type BulletinAudience,
} from "~/domain/bulletin-audience.ts";
import type { BulletinOverviewRow, BulletinReport, PendingPerson, ReceiptCounts } from "~/domain/bulletin-figures.ts";
import { ROLES } from "~/domain/roles.ts";
import type { BulletinInput } from "~/domain/bulletin-form.ts";
import { addDays } from "~/domain/fiscal-year.ts";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { sqlBoolean, sqlJson } from "~/lib/sql-dialect.server.ts";
import { reads, sqlDate } from "~/lib/sql-read.server.ts";
import { t } from "~/lib/i18n.ts";
import { recordAudit } from "./audit.server.ts";
import { listClauses } from "./catalogue.server.ts";
import { renderMarkdown, type CitedClause } from "./lesson.server.ts";
import { deliverMail, mailChannel } from "./reminders.server.ts";

/**
 * お知らせ (bulletins): short awareness messages between the courses, with
 * a read receipt per person (and a confirmation when the bulletin asks for
 * one). Who a bulletin reaches is its audience rule applied to active staff
 * as they are now (app/domain/bulletin-audience.ts), so a person who joins
 * or moves sees what is meant for them, and the figures count the same way
 * as every other report: deactivated staff drop out.
 */

export type CreateBulletinResult = { ok: true; id: number } | { ok: false; error: string };

/**
 * Publishes a bulletin, audited. The one way bulletins are made: HR's form
 * and any service that prefills a title and body (e.g. from real reports of
 * a suspicious mail) both call it with a validated BulletinForm input.
 */
export async function createBulletin(input: BulletinInput, actor: Actor): Promise<CreateBulletinResult> {
  const audience: BulletinAudience = {
    organisationIds: [...new Set(input.organisationIds)].sort(),
    employeeTypeCodes: [...new Set(input.employeeTypeCodes)].sort(),
    roles: [...new Set(input.roles)].sort(),
  };
  return db.$transaction(async (tx) => {
    const [organisations, employeeTypes] = await Promise.all([
      tx.organisation.count({ where: { id: { in: audience.organisationIds } } }),
      tx.employeeType.count({ where: { code: { in: audience.employeeTypeCodes } } }),
    ]);
    if (organisations !== audience.organisationIds.length)
      return { ok: false, error: t("bulletin.unknownOrganisation") };
    if (employeeTypes !== audience.employeeTypeCodes.length)
      return { ok: false, error: t("bulletin.unknownEmployeeType") };
    const bulletin = await tx.bulletin.create({
      data: {
        title: input.title,
        body: input.body,
        audience,
        publishOn: input.publishOn,
        mustConfirm: input.mustConfirm,
        byMail: input.byMail,
        createdBy: actor.staffId,
      },
    });
    await recordAudit(tx, actor, {
      action: "bulletin.create",
      targetType: "bulletin",
      targetId: bulletin.id,
      detail: { title: input.title, audience, publishOn: input.publishOn, mustConfirm: input.mustConfirm },
    });
    return { ok: true, id: bulletin.id };
  });
}

// ---- What staff see

async function memberOf(staffId: number): Promise<AudienceMember | null> {
  return db.staff.findFirst({
    where: { id: staffId, active: true },
    select: { organisationId: true, employeeTypeCode: true, role: true },
  });
}

export type BulletinSummary = {
  id: number;
  title: string;
  publishOn: string;
  mustConfirm: boolean;
  readAt: Date | null;
  confirmedAt: Date | null;
  /** Read, and confirmed when the bulletin asks for it: off the home page. */
  done: boolean;
};

export type BulletinView = BulletinSummary & { html: string; cited: CitedClause[] };

type Row = {
  id: number;
  title: string;
  body: string;
  audience: unknown;
  publishOn: string;
  mustConfirm: boolean;
  receipts: { readAt: Date; confirmedAt: Date | null }[];
};

function summary(row: Row): BulletinSummary {
  const receipt = row.receipts[0];
  return {
    id: row.id,
    title: row.title,
    publishOn: row.publishOn,
    mustConfirm: row.mustConfirm,
    readAt: receipt?.readAt ?? null,
    confirmedAt: receipt?.confirmedAt ?? null,
    done: receipt !== undefined && (!row.mustConfirm || receipt.confirmedAt !== null),
  };
}

async function render(rows: Row[]): Promise<BulletinView[]> {
  if (rows.length === 0) return [];
  const clauses = new Map((await listClauses()).map((c) => [c.id, { heading: c.heading, text: c.text }]));
  return rows.map((row) => ({
    ...summary(row),
    // Several bulletins share a page: each one's popovers get ids of their own.
    ...renderMarkdown(row.body, clauses, { trusted: false, idPrefix: `bulletin-${row.id}-clause-` }),
  }));
}

function publishedFor(staffId: number, today: string, where: Prisma.BulletinWhereInput = {}) {
  return db.bulletin.findMany({
    where: { publishOn: { lte: today }, ...where },
    orderBy: [{ publishOn: "desc" }, { id: "desc" }],
    select: {
      id: true,
      title: true,
      body: true,
      audience: true,
      publishOn: true,
      mustConfirm: true,
      receipts: { where: { staffId }, select: { readAt: true, confirmedAt: true } },
    },
  });
}

type PendingRow = {
  id: number;
  title: string;
  body: string;
  audience: unknown;
  publishOn: string;
  mustConfirm: unknown;
  readAt: unknown;
  confirmedAt: unknown;
} & AudienceMember;

/**
 * The published bulletins for a person that are not done yet, newest first:
 * the home page's. Every home page asks, so it is one plain statement on the
 * read connection (sql-read.server.ts) — the person (active) with the
 * bulletins and their receipt — not two Prisma model queries.
 */
export async function pendingBulletins(staffId: number, today: string): Promise<BulletinView[]> {
  const rows = await reads.rows<PendingRow>(Prisma.sql`
    SELECT "b"."id", "b"."title", "b"."body", "b"."audience", "b"."publishOn", "b"."mustConfirm",
      "r"."readAt", "r"."confirmedAt",
      "Staff"."organisationId", "Staff"."employeeTypeCode", "Staff"."role"
    FROM "Staff"
    JOIN "Bulletin" AS "b" ON "b"."publishOn" <= ${today}
    LEFT JOIN "BulletinReceipt" AS "r" ON "r"."bulletinId" = "b"."id" AND "r"."staffId" = "Staff"."id"
    WHERE "Staff"."id" = ${staffId} AND "Staff"."active" = TRUE
      AND ("r"."staffId" IS NULL OR ("b"."mustConfirm" = TRUE AND "r"."confirmedAt" IS NULL))
    ORDER BY "b"."publishOn" DESC, "b"."id" DESC`);
  const pending: Row[] = [];
  for (const row of rows) {
    const audience = sqlJson(row.audience);
    if (!reaches(parseAudience(audience), row)) continue;
    const readAt = sqlDate(row.readAt);
    pending.push({
      id: Number(row.id),
      title: row.title,
      body: row.body,
      audience,
      publishOn: row.publishOn,
      mustConfirm: sqlBoolean(row.mustConfirm),
      receipts: readAt ? [{ readAt, confirmedAt: sqlDate(row.confirmedAt) }] : [],
    });
  }
  return render(pending);
}

/** 「お知らせ」: every published bulletin for a person, newest first, read or not. */
export async function bulletinArchive(staffId: number, today: string): Promise<BulletinSummary[]> {
  const [member, rows] = await Promise.all([memberOf(staffId), publishedFor(staffId, today)]);
  return member ? rows.filter((row) => reaches(parseAudience(row.audience), member)).map(summary) : [];
}

/** One published bulletin for a person, or null when it is not (yet) for them. */
export async function readableBulletin(
  staffId: number,
  bulletinId: number,
  today: string,
): Promise<BulletinView | null> {
  const [member, rows] = await Promise.all([memberOf(staffId), publishedFor(staffId, today, { id: bulletinId })]);
  const row = rows[0];
  if (!member || !row || !reaches(parseAudience(row.audience), member)) return null;
  return (await render([row]))[0]!;
}

/**
 * Records that the person read the bulletin and, with `confirm`, that they
 * confirmed it. Each is recorded once: the first read and the first
 * confirmation stand, however often the buttons are pressed (the receipt's
 * key is the bulletin and the person). False when the bulletin is not for them.
 */
export async function recordReceipt(
  staffId: number,
  bulletinId: number,
  today: string,
  { confirm }: { confirm: boolean },
): Promise<boolean> {
  const [member, bulletin] = await Promise.all([
    memberOf(staffId),
    db.bulletin.findFirst({ where: { id: bulletinId, publishOn: { lte: today } }, select: { audience: true } }),
  ]);
  if (!member || !bulletin || !reaches(parseAudience(bulletin.audience), member)) return false;
  const now = new Date();
  await db.bulletinReceipt.upsert({
    where: { bulletinId_staffId: { bulletinId, staffId } },
    create: { bulletinId, staffId, readAt: now, confirmedAt: confirm ? now : null },
    update: {},
  });
  if (confirm) {
    await db.bulletinReceipt.updateMany({
      where: { bulletinId, staffId, confirmedAt: null },
      data: { confirmedAt: now },
    });
  }
  return true;
}

// ---- Figures for HR and managers

/** A manager sees their own organisation's staff only. */
export type Scope = { organisationId: string } | undefined;

// COUNT and SUM come back as bigint or number depending on the driver.
const count = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

type StaffCell = AudienceMember & { staff: number };
type ReceiptCell = AudienceMember & { bulletinId: number; read: number; confirmed: number };

/**
 * Active staff grouped by what an audience rule looks at, and receipts of
 * active staff grouped the same way per bulletin: two statements whatever
 * the number of staff or bulletins. The audience rule is then applied to
 * the few hundred groups, not to people.
 */
async function cells(scope: Scope, bulletinId?: number): Promise<{ staff: StaffCell[]; receipts: ReceiptCell[] }> {
  const inScope = scope ? Prisma.sql` AND "Staff"."organisationId" = ${scope.organisationId}` : Prisma.empty;
  const ofBulletin = bulletinId === undefined ? Prisma.empty : Prisma.sql` AND "r"."bulletinId" = ${bulletinId}`;
  const [staff, receipts] = await Promise.all([
    db.$queryRaw<(AudienceMember & { staff: unknown })[]>`
      SELECT "Staff"."organisationId" AS "organisationId", "Staff"."employeeTypeCode" AS "employeeTypeCode",
        "Staff"."role" AS "role", COUNT(*) AS "staff"
      FROM "Staff"
      WHERE "Staff"."active" = TRUE${inScope}
      GROUP BY "Staff"."organisationId", "Staff"."employeeTypeCode", "Staff"."role"`,
    db.$queryRaw<(AudienceMember & { bulletinId: unknown; read: unknown; confirmed: unknown })[]>`
      SELECT "r"."bulletinId" AS "bulletinId", "Staff"."organisationId" AS "organisationId",
        "Staff"."employeeTypeCode" AS "employeeTypeCode", "Staff"."role" AS "role",
        COUNT(*) AS "read", SUM(CASE WHEN "r"."confirmedAt" IS NOT NULL THEN 1 ELSE 0 END) AS "confirmed"
      FROM "BulletinReceipt" AS "r"
      JOIN "Staff" ON "Staff"."id" = "r"."staffId"
      WHERE "Staff"."active" = TRUE${inScope}${ofBulletin}
      GROUP BY "r"."bulletinId", "Staff"."organisationId", "Staff"."employeeTypeCode", "Staff"."role"`,
  ]);
  return {
    staff: staff.map((c) => ({ ...c, staff: count(c.staff) })),
    receipts: receipts.map((c) => ({
      ...c,
      bulletinId: count(c.bulletinId),
      read: count(c.read),
      confirmed: count(c.confirmed),
    })),
  };
}

/** Adds up the groups the audience reaches, keyed by `key` of each group. */
function tally(
  audience: BulletinAudience,
  staff: StaffCell[],
  receipts: ReceiptCell[],
  key: (cell: AudienceMember) => string,
): Map<string, ReceiptCounts> {
  const totals = new Map<string, ReceiptCounts>();
  const at = (cell: AudienceMember) => {
    const k = key(cell);
    const found = totals.get(k) ?? { reached: 0, read: 0, confirmed: 0 };
    totals.set(k, found);
    return found;
  };
  for (const cell of staff) if (reaches(audience, cell)) at(cell).reached += cell.staff;
  for (const cell of receipts) {
    if (!reaches(audience, cell)) continue; // read before they moved out of the audience
    const found = at(cell);
    found.read += cell.read;
    found.confirmed += cell.confirmed;
  }
  return totals;
}

/** Names for describing audience rules in words. */
async function audienceNames() {
  const [organisations, employeeTypes] = await Promise.all([
    db.organisation.findMany({ select: { id: true, name: true } }),
    db.employeeType.findMany({ select: { code: true, name: true } }),
  ]);
  const names = {
    organisations: new Map(organisations.map((o) => [o.id, o.name])),
    employeeTypes: new Map(employeeTypes.map((e) => [e.code, e.name])),
    roles: new Map(ROLES.map((role) => [role, t(`role.${role}`)])),
  };
  return (audience: BulletinAudience) => describeAudience(audience, names, t("bulletinAdmin.everyone"));
}

/** Every bulletin, newest first, with its audience and how many of them read and confirmed it. */
export async function bulletinOverview(today: string, scope: Scope): Promise<BulletinOverviewRow[]> {
  const [bulletins, { staff, receipts }, describe] = await Promise.all([
    db.bulletin.findMany({
      orderBy: [{ publishOn: "desc" }, { id: "desc" }],
      select: { id: true, title: true, publishOn: true, mustConfirm: true, byMail: true, audience: true },
    }),
    cells(scope),
    audienceNames(),
  ]);
  return bulletins.map((b) => {
    const audience = parseAudience(b.audience);
    const own = receipts.filter((r) => r.bulletinId === b.id);
    const total = tally(audience, staff, own, () => "").get("") ?? { reached: 0, read: 0, confirmed: 0 };
    return { ...b, audience, audienceLabel: describe(audience), published: b.publishOn <= today, ...total };
  });
}

/** The audience rule as SQL on "Staff", for listing people. */
function audienceSql(audience: BulletinAudience): Prisma.Sql {
  const where = [Prisma.sql`"Staff"."active" = TRUE`];
  if (audience.organisationIds.length > 0)
    where.push(Prisma.sql`"Staff"."organisationId" IN (${Prisma.join(audience.organisationIds)})`);
  if (audience.employeeTypeCodes.length > 0)
    where.push(Prisma.sql`"Staff"."employeeTypeCode" IN (${Prisma.join(audience.employeeTypeCodes)})`);
  if (audience.roles.length > 0) where.push(Prisma.sql`"Staff"."role" IN (${Prisma.join(audience.roles)})`);
  return Prisma.join(where, " AND ");
}

/**
 * One bulletin's figures by organisation and employee type, and who has not
 * read (or confirmed) it, longest list first by organisation then employee
 * number. Seven statements whatever the number of staff. Null when there is
 * no such bulletin.
 */
export async function bulletinReport(
  bulletinId: number,
  today: string,
  scope: Scope,
  limit = 500,
): Promise<BulletinReport | null> {
  const bulletin = await db.bulletin.findUnique({
    where: { id: bulletinId },
    select: { id: true, title: true, publishOn: true, mustConfirm: true, byMail: true, audience: true },
  });
  if (!bulletin) return null;
  const audience = parseAudience(bulletin.audience);
  const missing = bulletin.mustConfirm ? Prisma.sql`"r"."confirmedAt" IS NULL` : Prisma.sql`"r"."staffId" IS NULL`;
  const inScope = scope ? Prisma.sql` AND "Staff"."organisationId" = ${scope.organisationId}` : Prisma.empty;
  const [{ staff, receipts }, organisations, employeeTypes, describe, pending] = await Promise.all([
    cells(scope, bulletinId),
    db.organisation.findMany({
      where: scope ? { id: scope.organisationId } : {},
      orderBy: { sortOrder: "asc" },
      select: { id: true, name: true },
    }),
    db.employeeType.findMany({ orderBy: { sortOrder: "asc" }, select: { code: true, name: true } }),
    audienceNames(),
    db.$queryRaw<(Omit<PendingPerson, "staffId" | "readAt"> & { staffId: unknown; readAt: unknown; total: unknown })[]>`
      SELECT "Staff"."id" AS "staffId", "Staff"."employeeNumber" AS "employeeNumber", "Staff"."name" AS "name",
        "Organisation"."name" AS "organisationName", "Section"."name" AS "sectionName",
        "EmployeeType"."name" AS "employeeTypeName", "r"."readAt" AS "readAt", COUNT(*) OVER () AS "total"
      FROM "Staff"
      JOIN "Organisation" ON "Organisation"."id" = "Staff"."organisationId"
      JOIN "EmployeeType" ON "EmployeeType"."code" = "Staff"."employeeTypeCode"
      LEFT JOIN "Section" ON "Section"."id" = "Staff"."sectionId"
      LEFT JOIN "BulletinReceipt" AS "r" ON "r"."bulletinId" = ${bulletinId} AND "r"."staffId" = "Staff"."id"
      WHERE ${audienceSql(audience)}${inScope} AND ${missing}
      ORDER BY "Organisation"."sortOrder", "Staff"."employeeNumber"
      LIMIT ${Math.max(0, Math.floor(limit))}`,
  ]);
  const byOrganisation = tally(audience, staff, receipts, (c) => c.organisationId);
  const byType = tally(audience, staff, receipts, (c) => c.employeeTypeCode);
  const total = tally(audience, staff, receipts, () => "").get("") ?? { reached: 0, read: 0, confirmed: 0 };
  const zero = { reached: 0, read: 0, confirmed: 0 };
  return {
    bulletin: { ...bulletin, audience, audienceLabel: describe(audience), published: bulletin.publishOn <= today },
    total,
    byOrganisation: organisations
      .map((o) => ({ ...o, ...(byOrganisation.get(o.id) ?? zero) }))
      .filter((o) => o.reached > 0 || o.read > 0),
    byEmployeeType: employeeTypes
      .map((type) => ({ ...type, ...(byType.get(type.code) ?? zero) }))
      .filter((type) => type.reached > 0 || type.read > 0),
    pending: {
      total: count(pending[0]?.total),
      rows: pending.map(({ total: _total, staffId, readAt, ...row }) => ({
        ...row,
        staffId: count(staffId),
        sectionName: row.sectionName ?? null,
        readAt: readAt === null || readAt === undefined ? null : new Date(readAt as string | Date),
      })),
    },
  };
}

// ---- Mail

/** How long after its publish day a bulletin still goes out by mail (to people who have not read it). */
const MAIL_DAYS = 30;

/** A bulletin as plain text for mail: citations in words, and where to read it. */
function mailBody(bulletin: { id: number; title: string; body: string }, name: string): string {
  return [
    t("bulletinMail.greeting", { name }),
    "",
    bulletin.body.replace(/\[\[([^[\]\n]+)\]\]/g, "（基本方針 $1）"),
    "",
    t("bulletinMail.link", { url: `${env.APP_URL.replace(/\/$/, "")}/bulletins/${bulletin.id}` }),
    "",
    t("reminder.footer"),
  ].join("\n");
}

/**
 * Sends the bulletins marked "by mail" whose publish day has come (within
 * MAIL_DAYS) to the people they reach who have not read them yet, through
 * the reminders' mail path (SMTP, or the outbox in a closed network). Each
 * person gets each bulletin once: the (bulletin, person) row is claimed
 * before sending, so a second or concurrent run sends nothing twice.
 * Run by `npm run reminders`.
 */
export async function mailDueBulletins(today: string): Promise<{ sent: number; smtp: number; file: number }> {
  const bulletins = await db.bulletin.findMany({
    where: { byMail: true, publishOn: { lte: today, gte: addDays(today, -MAIL_DAYS) } },
    orderBy: { id: "asc" },
    select: { id: true, title: true, body: true, audience: true },
  });
  const counts = { smtp: 0, file: 0 };
  for (const bulletin of bulletins) {
    const recipients = await db.$queryRaw<
      { id: unknown; employeeNumber: string; name: string; email: string | null }[]
    >`
      SELECT "Staff"."id" AS "id", "Staff"."employeeNumber" AS "employeeNumber", "Staff"."name" AS "name",
        "Staff"."email" AS "email"
      FROM "Staff"
      WHERE ${audienceSql(parseAudience(bulletin.audience))}
        AND NOT EXISTS (SELECT 1 FROM "BulletinReceipt" AS "r" WHERE "r"."bulletinId" = ${bulletin.id} AND "r"."staffId" = "Staff"."id")
        AND NOT EXISTS (SELECT 1 FROM "BulletinMail" AS "m" WHERE "m"."bulletinId" = ${bulletin.id} AND "m"."staffId" = "Staff"."id")
      ORDER BY "Staff"."employeeNumber"`;
    for (const person of recipients) {
      const staffId = count(person.id);
      try {
        await db.bulletinMail.create({
          data: { bulletinId: bulletin.id, staffId, channel: mailChannel(person.email) },
        });
      } catch {
        continue; // another run claimed this person
      }
      try {
        const message = {
          employeeNumber: person.employeeNumber,
          to: person.email,
          subject: t("bulletinMail.subject", { title: bulletin.title }),
          body: mailBody(bulletin, person.name),
        };
        counts[await deliverMail(message, today)]++;
      } catch (error) {
        await db.bulletinMail.delete({ where: { bulletinId_staffId: { bulletinId: bulletin.id, staffId } } });
        throw error;
      }
    }
  }
  return { sent: counts.smtp + counts.file, ...counts };
}
