import { today } from "~/lib/clock.server.ts";
import { randomUUID } from "node:crypto";
import { db } from "~/lib/db.server.ts";
import type { Actor, AuditAction } from "~/domain/audit.ts";
import { isRole, type Role } from "~/domain/roles.ts";
import type { AuthSource } from "~/domain/ldap.ts";
import {
  decodeCsv,
  parseStaffCsv,
  ProblemList,
  type CsvEncoding,
  type ImportProblem,
  type StaffCsvLookups,
  type StaffImportRow,
} from "~/domain/staff-csv.ts";
import { mayAssignRole } from "~/domain/staff-record.ts";
import { staffSearchName } from "~/domain/name-search.ts";
import { chunks } from "~/lib/chunks.ts";
import { sqlInstant } from "~/lib/sql-dialect.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { moveTalliesOf } from "./answer-tallies.server.ts";
import { assignForStaff } from "./assignments.server.ts";
import { recordAudit } from "./audit.server.ts";
import { STAFF_RECORD_FIELDS } from "./staff-directory.server.ts";

/** The columns an import compares and writes, in the order people read them. */
const COMPARED = [
  "name",
  "nameKana",
  "organisationId",
  "sectionName",
  "employeeTypeCode",
  "role",
  "duties",
  "startDate",
  "appointmentStart",
  "appointmentEnd",
  "active",
  "email",
  "authSource",
] as const;
type Compared = (typeof COMPARED)[number];
type Value = string | boolean | null;

export type StaffImportPlan = {
  /** The file's encoding; null for the directory. */
  encoding: CsvEncoding | null;
  rows: number;
  created: StaffImportRow[];
  updated: { staffId: number; row: StaffImportRow; changes: Partial<Record<Compared, [Value, Value]>> }[];
  unchanged: number;
  /** Active staff who are not in the file (for the directory: active staff who sign in through it). */
  missing: { staffId: number; employeeNumber: string; name: string; organisationName: string }[];
  /**
   * ADMIN accounts the source would change ("changed") or that are missing
   * from it ("missing"), left as they are because the importer may not
   * change ADMIN accounts (adminsChangeable).
   */
  protected: { staffId: number; employeeNumber: string; name: string; reason: "changed" | "missing" }[];
  newSections: { organisationId: string; name: string }[];
};

/** A source's problems: the first MAX_LISTED_PROBLEMS by line, and how many in all. */
export type StaffImportRejection = { ok: false; problems: ImportProblem[]; problemCount: number };

export type StaffImportCheck = { ok: true; plan: StaffImportPlan } | StaffImportRejection;

type Db = Pick<typeof db, "organisation" | "employeeType" | "section" | "staff">;

const sectionKey = (organisationId: string, name: string) => `${organisationId}\u0000${name}`;

/** Rows read per query when reading every member of staff. */
const STAFF_PAGE = 10_000;

/**
 * Every member of staff, read a page at a time: one query over a
 * prefecture's 100,000 would hold Prisma's working copies of all of them at
 * once, on top of the result (the import's memory peaked at 523 MB).
 */
async function everyStaffRecord(tx: Db) {
  const staff = [];
  for (let cursor = 0; ;) {
    const page = await tx.staff.findMany({
      where: { id: { gt: cursor } },
      orderBy: { id: "asc" },
      take: STAFF_PAGE,
      select: STAFF_RECORD_FIELDS,
    });
    staff.push(...page);
    if (page.length < STAFF_PAGE) return staff;
    cursor = page.at(-1)!.id;
  }
}

type StaffRecord = Awaited<ReturnType<typeof everyStaffRecord>>[number];

/**
 * Where staff rows come from: the personnel system's CSV, or the city's
 * directory (services/directory-sync.server.ts). Both go through the same
 * plan and the same transaction.
 */
export type StaffSource = {
  /** The file name, or the directory's address: named in the audit log. */
  name: string;
  encoding: CsvEncoding | null;
  audit: { action: AuditAction; targetType: string };
  /** Reads the rows against the lookups and the staff Mamori has now, adding what is wrong to `problems`. */
  read: (
    lookups: StaffCsvLookups,
    staffByNumber: Map<string, StaffRecord>,
    problems: ProblemList,
  ) =>
    | { rows: StaffImportRow[]; problems: ImportProblem[] }
    | Promise<{ rows: StaffImportRow[]; problems: ImportProblem[] }>;
  /** Which active staff count as missing when the source does not list them. */
  answersFor: (staff: StaffRecord) => boolean;
};

/** A staff CSV as a source of rows. */
function csvSource({ fileName, text, encoding }: StaffCsvFile): StaffSource {
  return {
    name: fileName,
    encoding,
    audit: { action: "staff.import", targetType: "file" },
    read: (lookups, _staff, problems) => parseStaffCsv(text, lookups, problems),
    answersFor: () => true,
  };
}

/**
 * Works out what applying `source` would change, without changing anything.
 * `actorRole` limits who may hand out the administrator role; null is the
 * command line, run by the server's operator.
 */
/**
 * Who may change or deactivate ADMIN accounts through an import: an ADMIN's
 * upload, or the command line when its operator says so (--include-admins).
 * The personnel system knows nothing of Mamori's roles, so by default an
 * import leaves ADMIN rows alone — and HR may never change an ADMIN's account.
 */
function adminsChangeable(actorRole: Role | null, includeAdmins: boolean): boolean {
  return actorRole === "ADMIN" || (actorRole === null && includeAdmins);
}

/**
 * The compared columns in which `row` differs from the stored record, as
 * [before, after]. Called for every row of the file: it builds nothing for
 * a row that has not changed.
 */
function changesOf(
  current: StaffRecord,
  row: StaffImportRow & { authSource: AuthSource },
  sectionName: Map<number, string>,
) {
  const changes: Partial<Record<Compared, [Value, Value]>> = {};
  for (const key of COMPARED) {
    const before: Value =
      key === "sectionName"
        ? current.sectionId === null
          ? null
          : (sectionName.get(current.sectionId) ?? null)
        : current[key];
    // A file without the 担当 column leaves each person's duties as they are.
    const after: Value = key === "duties" ? (row.duties ?? current.duties) : row[key];
    if (before !== after) changes[key] = [before, after];
  }
  return changes;
}

async function planImport(
  tx: Db,
  source: StaffSource,
  actorRole: Role | null,
  includeAdmins = false,
): Promise<StaffImportCheck> {
  const [organisations, employeeTypes, sections, staff] = await Promise.all([
    tx.organisation.findMany({ select: { id: true, name: true } }),
    tx.employeeType.findMany({ select: { code: true, name: true, hasAppointmentPeriod: true } }),
    tx.section.findMany({ select: { id: true, organisationId: true, name: true } }),
    everyStaffRecord(tx),
  ]);
  const byNumber = new Map(staff.map((s) => [s.employeeNumber, s]));
  const problems = new ProblemList();
  const read = await source.read({ organisations, employeeTypes }, byNumber, problems);
  // A source that lists its problems itself (the directory) hands them back; the file added them already.
  if (read.problems !== problems.listed) for (const problem of read.problems) problems.add(problem);
  // A source that does not say how people sign in leaves it as it is.
  const rows = read.rows.map((row) => ({
    ...row,
    authSource: row.authSource ?? ((byNumber.get(row.employeeNumber)?.authSource ?? "LOCAL") as AuthSource),
  }));
  const sectionName = new Map(sections.map((s) => [s.id, s.name]));
  const existingSections = new Set(sections.map((s) => sectionKey(s.organisationId, s.name)));

  const plan: StaffImportPlan = {
    encoding: source.encoding,
    rows: rows.length,
    created: [],
    updated: [],
    unchanged: 0,
    missing: [],
    protected: [],
    newSections: [],
  };
  const protectAdmins = !adminsChangeable(actorRole, includeAdmins);
  const newSections = new Map<string, { organisationId: string; name: string }>();
  for (const row of rows) {
    const current = byNumber.get(row.employeeNumber);
    const currentRole = current && isRole(current.role) ? current.role : null;
    if (current && currentRole === "ADMIN" && protectAdmins) {
      if (Object.keys(changesOf(current, row, sectionName)).length === 0) plan.unchanged++;
      else
        plan.protected.push({
          staffId: current.id,
          employeeNumber: current.employeeNumber,
          name: current.name,
          reason: "changed",
        });
      continue;
    }
    if (actorRole && !mayAssignRole(actorRole, currentRole, row.role)) {
      problems.add({
        line: row.line,
        column: "役割",
        message: "システム管理者の役割は、システム管理者だけが設定・変更できます",
      });
      continue;
    }
    if (row.sectionName && !existingSections.has(sectionKey(row.organisationId, row.sectionName))) {
      newSections.set(sectionKey(row.organisationId, row.sectionName), {
        organisationId: row.organisationId,
        name: row.sectionName,
      });
    }
    if (!current) {
      plan.created.push(row);
      continue;
    }
    const changes = changesOf(current, row, sectionName);
    if (Object.keys(changes).length === 0) plan.unchanged++;
    else plan.updated.push({ staffId: current.id, row, changes });
  }
  if (problems.count > 0) return { ok: false, problems: problems.listed, problemCount: problems.count };

  const inFile = new Set(rows.map((r) => r.employeeNumber));
  const organisationName = new Map(organisations.map((o) => [o.id, o.name]));
  const notInFile = staff.filter((s) => s.active && source.answersFor(s) && !inFile.has(s.employeeNumber));
  const isProtected = (s: { role: string }) => protectAdmins && s.role === "ADMIN";
  plan.protected.push(
    ...notInFile.filter(isProtected).map((s) => ({
      staffId: s.id,
      employeeNumber: s.employeeNumber,
      name: s.name,
      reason: "missing" as const,
    })),
  );
  plan.missing = notInFile
    .filter((s) => !isProtected(s))
    .map((s) => ({
      staffId: s.id,
      employeeNumber: s.employeeNumber,
      name: s.name,
      organisationName: organisationName.get(s.organisationId) ?? s.organisationId,
    }));
  plan.newSections = [...newSections.values()];
  return { ok: true, plan };
}

/** A staff CSV, decoded (decodeCsv) from the encoding it came in. */
export type StaffCsvFile = { fileName: string; text: string; encoding: CsvEncoding };

/** Decodes an uploaded or read file. */
export async function readStaffCsv(fileName: string, bytes: Uint8Array): Promise<StaffCsvFile> {
  return { fileName, ...(await decodeCsv(bytes)) };
}

/** Checks a staff CSV against the database and says what importing it would change. */
export async function checkStaffImport(
  file: StaffCsvFile,
  actorRole: Role | null,
  includeAdmins = false,
): Promise<StaffImportCheck> {
  return planImport(db, csvSource(file), actorRole, includeAdmins);
}

/** What applying a source would change, without changing anything. */
export async function checkStaffSource(source: StaffSource, actorRole: Role | null): Promise<StaffImportCheck> {
  return planImport(db, source, actorRole, true);
}

export type StaffImportResult =
  | {
      ok: true;
      created: number;
      updated: number;
      unchanged: number;
      deactivated: number;
      newSections: number;
      missing: number;
      /** ADMIN rows left alone (StaffImportPlan.protected). */
      protected: number;
    }
  | StaffImportRejection;

type ApplyOptions = { actor: Actor; actorRole: Role | null; deactivateMissing: boolean; includeAdmins?: boolean };

/** Imports a staff CSV: applyStaffSource on the file's rows. */
export async function importStaff(file: StaffCsvFile, options: ApplyOptions): Promise<StaffImportResult> {
  return applyStaffSource(csvSource(file), { ...options, includeAdmins: options.includeAdmins ?? false });
}

/** Staff rows written per UPDATE: 16 values each. */
const UPDATE_ROWS = 500;

type StaffUpdate = {
  staffId: number;
  name: string;
  nameKana: string;
  searchName: string;
  organisationId: string;
  sectionId: number | null;
  employeeTypeCode: string;
  role: string;
  /** undefined keeps the stored duties. */
  duties: string | undefined;
  startDate: string;
  appointmentStart: string | null;
  appointmentEnd: string | null;
  active: boolean;
  email: string | null;
  /** undefined keeps how the person signs in. */
  authSource: string | undefined;
  leaving: boolean;
};

/**
 * Writes the changed staff rows, a few hundred to a statement: the new
 * values as a table of rows joined to Staff by id. A Prisma update per
 * person cost about a millisecond each of compiling on the one thread, a
 * second for a thousand changes. The casts type the values' columns for
 * PostgreSQL, which would otherwise read every bound value as text.
 */
async function updateStaffRows(tx: Pick<Prisma.TransactionClient, "$executeRaw">, updates: StaffUpdate[]) {
  const now = sqlInstant(new Date());
  for (const slice of chunks(updates, UPDATE_ROWS)) {
    const values = slice.map(
      (u) => Prisma.sql`(CAST(${u.staffId} AS INTEGER), ${u.name}, ${u.nameKana}, ${u.searchName}, ${u.organisationId},
        CAST(${u.sectionId} AS INTEGER), ${u.employeeTypeCode}, ${u.role}, ${u.duties ?? null}, ${u.startDate},
        ${u.appointmentStart}, ${u.appointmentEnd}, CAST(${u.active} AS BOOLEAN), ${u.email}, ${u.authSource ?? null},
        CAST(${u.leaving ? 1 : 0} AS INTEGER))`,
    );
    await tx.$executeRaw`
      WITH "v" ("id", "name", "nameKana", "searchName", "organisationId", "sectionId", "employeeTypeCode", "role", "duties",
        "startDate", "appointmentStart", "appointmentEnd", "active", "email", "authSource", "leaving")
        AS (VALUES ${Prisma.join(values)})
      UPDATE "Staff" SET "name" = "v"."name", "nameKana" = "v"."nameKana", "searchName" = "v"."searchName",
        "organisationId" = "v"."organisationId",
        "sectionId" = "v"."sectionId", "employeeTypeCode" = "v"."employeeTypeCode", "role" = "v"."role",
        "duties" = COALESCE("v"."duties", "Staff"."duties"), "startDate" = "v"."startDate",
        "appointmentStart" = "v"."appointmentStart", "appointmentEnd" = "v"."appointmentEnd",
        "active" = "v"."active", "email" = "v"."email", "authSource" = COALESCE("v"."authSource", "Staff"."authSource"),
        "sessionVersion" = "Staff"."sessionVersion" + "v"."leaving", "updatedAt" = ${now}
      FROM "v" WHERE "Staff"."id" = "v"."id"`;
  }
}

/**
 * Applies a source's rows in one transaction: every row or none. New 課 are
 * created under their 所属; people missing from the source are deactivated
 * only when `deactivateMissing` is set. Applying the same rows again changes
 * nothing. The change is audited with the numbers it touched.
 */
export async function applyStaffSource(source: StaffSource, options: ApplyOptions): Promise<StaffImportResult> {
  return db.$transaction(
    async (tx) => {
      // Planned again inside the transaction: the database may have moved since the preview.
      // The city's directory is authoritative for sign-in (directory-sync): only a CSV protects ADMIN rows.
      const check = await planImport(tx, source, options.actorRole, options.includeAdmins ?? true);
      if (!check.ok) return check;
      const { plan } = check;

      await tx.section.createMany({ data: plan.newSections });
      const sections = await tx.section.findMany({ select: { id: true, organisationId: true, name: true } });
      const sectionId = new Map(sections.map((s) => [sectionKey(s.organisationId, s.name), s.id]));
      const columns = (row: StaffImportRow) => ({
        name: row.name,
        nameKana: row.nameKana,
        searchName: staffSearchName(row),
        organisationId: row.organisationId,
        sectionId: row.sectionName ? (sectionId.get(sectionKey(row.organisationId, row.sectionName)) ?? null) : null,
        employeeTypeCode: row.employeeTypeCode,
        role: row.role,
        // undefined leaves the stored duties alone (no 担当 column in the file).
        duties: row.duties ?? undefined,
        startDate: row.startDate,
        appointmentStart: row.appointmentStart,
        appointmentEnd: row.appointmentEnd,
        active: row.active,
        email: row.email,
        authSource: row.authSource,
      });

      await tx.staff.createMany({
        data: plan.created.map((row) => ({ employeeNumber: row.employeeNumber, ...columns(row) })),
      });
      const deactivated = options.deactivateMissing ? plan.missing : [];
      // The tallies count answers by organisation and employee type, of active staff only:
      // a new name or 課 leaves a person's answers where they are counted.
      const moved = [
        ...plan.updated
          .filter(({ changes }) => changes.organisationId || changes.employeeTypeCode || changes.active)
          .map((u) => u.staffId),
        ...deactivated.map((m) => m.staffId),
      ];
      await moveTalliesOf(tx, moved, async () => {
        await updateStaffRows(
          tx,
          plan.updated.map(({ staffId, row, changes }) => ({
            staffId,
            ...columns(row),
            // Leaving post ends the person's sessions at once.
            leaving: changes.active?.[1] === false,
          })),
        );
        // Someone who now signs in through the directory has no Mamori
        // password to keep (an initial one would still ask to be changed);
        // administrators keep theirs as the break-glass path.
        const toDirectory = plan.updated.filter(
          ({ row, changes }) => changes.authSource?.[1] === "DIRECTORY" && row.role !== "ADMIN",
        );
        for (const ids of chunks(toDirectory.map((u) => u.staffId))) {
          await tx.password.deleteMany({ where: { staffId: { in: ids } } });
        }
        for (const ids of chunks(deactivated.map((m) => m.staffId))) {
          await tx.staff.updateMany({
            where: { id: { in: ids } },
            data: { active: false, sessionVersion: { increment: 1 } },
          });
        }
      });
      const created = [];
      for (const numbers of chunks(plan.created.map((r) => r.employeeNumber))) {
        created.push(
          ...(await tx.staff.findMany({ where: { employeeNumber: { in: numbers } }, select: { id: true } })),
        );
      }
      await assignForStaff([...created.map((c) => c.id), ...plan.updated.map((u) => u.staffId)], today(), tx);

      const summary = {
        created: plan.created.length,
        updated: plan.updated.length,
        unchanged: plan.unchanged,
        deactivated: deactivated.length,
        newSections: plan.newSections.length,
      };
      if (summary.created + summary.updated + summary.deactivated + summary.newSections > 0) {
        await recordAudit(tx, options.actor, {
          action: source.audit.action,
          targetType: source.audit.targetType,
          targetId: source.name,
          detail: {
            ...(source.encoding ? { encoding: source.encoding } : {}),
            ...summary,
            createdNumbers: plan.created.map((r) => r.employeeNumber),
            updatedNumbers: plan.updated.map((u) => u.row.employeeNumber),
            deactivatedNumbers: deactivated.map((m) => m.employeeNumber),
            protectedNumbers: plan.protected.map((p) => p.employeeNumber),
            sections: plan.newSections.map((s) => `${s.organisationId}/${s.name}`),
          },
        });
      }
      return { ok: true as const, ...summary, missing: plan.missing.length, protected: plan.protected.length };
    },
    { timeout: 120_000 },
  );
}

const DRAFT_LIFETIME_MS = 60 * 60 * 1000;

/** Keeps an uploaded file for the operator to confirm after the preview. */
export async function saveImportDraft(actor: Actor, file: StaffCsvFile): Promise<string> {
  const id = randomUUID();
  await db.$transaction([
    db.staffImportDraft.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - DRAFT_LIFETIME_MS) } } }),
    db.staffImportDraft.create({ data: { id, createdBy: actor.staffId ?? 0, ...file } }),
  ]);
  return id;
}

/**
 * The file a person uploaded for preview, if it is theirs and still fresh.
 * It is removed as it is taken, so a double-clicked confirm imports once.
 */
export async function takeImportDraft(actor: Actor, draftId: string): Promise<StaffCsvFile | null> {
  const draft = await db.staffImportDraft.findUnique({ where: { id: draftId } });
  if (!draft || draft.createdBy !== actor.staffId || draft.createdAt.getTime() < Date.now() - DRAFT_LIFETIME_MS)
    return null;
  const { count } = await db.staffImportDraft.deleteMany({ where: { id: draftId } });
  if (count === 0) return null;
  return { fileName: draft.fileName, text: draft.text, encoding: draft.encoding as CsvEncoding };
}
