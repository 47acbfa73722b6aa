import type { Prisma } from "~/generated/prisma/client.ts";
import { db } from "~/lib/db.server.ts";
import type { Actor, AuditAction } from "~/domain/audit.ts";

type Writer = Pick<typeof db, "auditLog">;

/**
 * Appends one entry to the audit log. Pass the transaction that makes the
 * change, so the change and its record land together or not at all.
 */
export async function recordAudit(
  tx: Writer,
  actor: Actor,
  entry: { action: AuditAction; targetType?: string; targetId?: string | number; detail?: Prisma.InputJsonValue },
): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: actor.staffId,
      address: actor.address,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId === undefined ? null : String(entry.targetId),
      detail: entry.detail ?? {},
    },
  });
}

export type AuditFilter = { action?: AuditAction; actorId?: number; targetId?: string; from?: Date; to?: Date };

const PAGE_SIZE = 50;

/** Audit entries, newest first, with the actor's name. */
export async function listAudit(filter: AuditFilter, page = 1) {
  const where: Prisma.AuditLogWhereInput = {
    action: filter.action,
    actorId: filter.actorId,
    targetId: filter.targetId,
    at: filter.from || filter.to ? { gte: filter.from, lt: filter.to } : undefined,
  };
  const [total, entries] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({ where, orderBy: { id: "desc" }, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
  ]);
  const actorIds = [...new Set(entries.map((e) => e.actorId).filter((id): id is number => id !== null))];
  const actors = await db.staff.findMany({
    where: { id: { in: actorIds } },
    select: { id: true, name: true, employeeNumber: true },
  });
  const byId = new Map(actors.map((a) => [a.id, a]));
  return {
    total,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    entries: entries.map((e) => ({ ...e, actor: e.actorId === null ? null : (byId.get(e.actorId) ?? null) })),
  };
}
