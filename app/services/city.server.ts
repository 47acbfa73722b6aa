import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Actor } from "~/domain/audit.ts";
import { CitySettingsSchema, parseCityFile, type CitySettings } from "~/domain/city.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { db } from "~/lib/db.server.ts";
import { reads } from "~/lib/sql-read.server.ts";
import { recordAudit } from "./audit.server.ts";

type Writer = Pick<typeof db, "citySettings" | "organisation" | "staff" | "section">;

const SETTINGS_ID = 1;

/** The city's settings. Every database set up by db:setup has them. */
export async function getCity(): Promise<CitySettings> {
  const row = await db.citySettings.findUniqueOrThrow({ where: { id: SETTINGS_ID } });
  return CitySettingsSchema.parse(row);
}

/** The city's organisations' names by id, for drill scenarios' {{組織:id}}. */
export async function organisationNames(): Promise<ReadonlyMap<string, string>> {
  const rows = await db.organisation.findMany({ select: { id: true, name: true } });
  return new Map(rows.map((o) => [o.id, o.name]));
}

/**
 * Where staff forward suspicious mail (不審メール報告), shown on the report
 * page and on every drill's teaching page. One read on the read
 * connection: the teaching page is what link scanners and clicks hit.
 */
export async function reportAddress(): Promise<string> {
  const [row] = await reads.rows<{ reportAddress: string }>(
    Prisma.sql`SELECT "reportAddress" FROM "CitySettings" WHERE "id" = ${SETTINGS_ID}`,
  );
  return row?.reportAddress ?? "";
}

/** Brings the Organisation rows in line with the settings' list: names and order. */
async function applyOrganisations(tx: Writer, organisations: CitySettings["organisations"]) {
  const existing = await tx.organisation.findMany();
  const wanted = new Set(organisations.map((o) => o.id));
  const removed = existing.filter((o) => !wanted.has(o.id));
  // Names are unique: clear the old names first so that two organisations can swap names.
  for (const org of existing) {
    await tx.organisation.update({ where: { id: org.id }, data: { name: `~${org.id}~` } });
  }
  for (const org of removed) {
    const inUse = (await tx.staff.count({ where: { organisationId: org.id } })) > 0;
    if (inUse) return { ok: false as const, inUse: org.name };
    await tx.section.deleteMany({ where: { organisationId: org.id } });
    await tx.organisation.delete({ where: { id: org.id } });
  }
  for (const [sortOrder, org] of organisations.entries()) {
    await tx.organisation.upsert({
      where: { id: org.id },
      create: { ...org, sortOrder },
      update: { name: org.name, sortOrder },
    });
  }
  return { ok: true as const };
}

/**
 * On first setup, stores the settings of `content/city.yaml` and creates the
 * organisations it lists. Afterwards the browser owns the settings: the file
 * is not read again.
 */
export async function seedCity(dir: string): Promise<"created" | "kept"> {
  if (await db.citySettings.findUnique({ where: { id: SETTINGS_ID } })) return "kept";
  const file = join(dir, "city.yaml");
  if (!existsSync(file)) throw new Error(`${file} is missing: it holds the city's name and organisations`);
  const settings = parseCityFile(readFileSync(file, "utf8"));
  await db.$transaction(async (tx) => {
    await tx.citySettings.create({ data: { id: SETTINGS_ID, ...settings } });
    const applied = await applyOrganisations(tx, settings.organisations);
    if (!applied.ok) throw new Error(`organisation ${applied.inUse} has staff and cannot be removed`);
  });
  return "created";
}

export type CityUpdate =
  | { ok: true; approvalOff: "requested" | "confirmed" | null }
  | { ok: false; reason: "organisationInUse"; organisation: string };

/**
 * Whether content publishing still needs a second ADMIN after this save, and
 * who is left asking to switch it off. Switching it off is itself a
 * four-eyes change: the first ADMIN's request is kept pending, and only
 * another ADMIN's same request switches it off. Switching it on, or saving
 * with it on, withdraws a pending request.
 */
function approvalChange(
  before: { requireApproval: boolean; approvalOffRequestedBy: number | null },
  wanted: boolean,
  actor: Actor,
): { requireApproval: boolean; approvalOffRequestedBy: number | null; approvalOff: "requested" | "confirmed" | null } {
  if (wanted || !before.requireApproval)
    return { requireApproval: wanted, approvalOffRequestedBy: null, approvalOff: null };
  const requestedByAnother =
    before.approvalOffRequestedBy !== null && actor.staffId !== null && before.approvalOffRequestedBy !== actor.staffId;
  return requestedByAnother
    ? { requireApproval: false, approvalOffRequestedBy: null, approvalOff: "confirmed" }
    : { requireApproval: true, approvalOffRequestedBy: actor.staffId, approvalOff: "requested" };
}

/** Who asked to switch the second ADMIN's approval off, while the request waits for another ADMIN. */
export async function pendingApprovalOff(): Promise<{ staffId: number; name: string } | null> {
  const row = await db.citySettings.findUniqueOrThrow({
    where: { id: SETTINGS_ID },
    select: { approvalOffRequestedBy: true },
  });
  if (row.approvalOffRequestedBy === null) return null;
  const staff = await db.staff.findUnique({ where: { id: row.approvalOffRequestedBy }, select: { name: true } });
  return { staffId: row.approvalOffRequestedBy, name: staff?.name ?? "" };
}

/** Saves the settings and the organisations they list, with the fields that changed in the audit log. */
export async function updateCity(actor: Actor, settings: CitySettings): Promise<CityUpdate> {
  return db
    .$transaction(async (tx) => {
      const row = await tx.citySettings.findUniqueOrThrow({ where: { id: SETTINGS_ID } });
      const before = CitySettingsSchema.parse(row);
      const applied = await applyOrganisations(tx, settings.organisations);
      if (!applied.ok) throw new OrganisationInUse(applied.inUse);
      const { approvalOff, ...approval } = approvalChange(row, settings.requireApproval, actor);
      const saved = { ...settings, requireApproval: approval.requireApproval };
      await tx.citySettings.update({ where: { id: SETTINGS_ID }, data: { ...saved, ...approval } });
      const changed = (Object.keys(saved) as (keyof CitySettings)[]).filter(
        (key) => JSON.stringify(before[key]) !== JSON.stringify(saved[key]),
      );
      await recordAudit(tx, actor, {
        action: "city.update",
        targetType: "city",
        targetId: SETTINGS_ID,
        detail: {
          ...Object.fromEntries(changed.map((key) => [key, { before: before[key], after: saved[key] }])),
          ...(approvalOff ? { approvalOff } : {}),
        },
      });
      return { ok: true as const, approvalOff };
    })
    .catch((error: unknown) => {
      if (error instanceof OrganisationInUse)
        return { ok: false, reason: "organisationInUse", organisation: error.organisation } as const;
      throw error;
    });
}

/** Thrown inside the transaction so that nothing of a refused update is kept. */
class OrganisationInUse extends Error {
  constructor(readonly organisation: string) {
    super(`organisation ${organisation} has staff`);
  }
}
