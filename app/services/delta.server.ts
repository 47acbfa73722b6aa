import type { Prisma } from "~/generated/prisma/client.ts";
import { db } from "~/lib/db.server.ts";
import type { Actor } from "~/domain/audit.ts";
import { addDays, fiscalYearOf } from "~/domain/fiscal-year.ts";
import { recordAudit } from "./audit.server.ts";
import { getTrack } from "./catalogue.server.ts";

/** The track that delta retraining assignments take (content/tracks.yaml). */
export const DELTA_TRACK = "delta-retraining";

export type DeltaFilter = { organisationId?: string; employeeTypeCode?: string; trackId?: string };

const strings = (json: unknown) => (Array.isArray(json) ? json.map(String) : []);

/**
 * The modules a release changed for learners: those whose own text changed,
 * those holding a changed question, and those citing a clause whose policy
 * text changed.
 */
export async function changedModules(releaseId: number) {
  const changes = await db.contentChange.findMany({ where: { releaseId } });
  const clauses = new Set(changes.filter((c) => c.kind === "clause").map((c) => c.key));
  const moduleKeys = new Set(changes.filter((c) => c.kind === "module").map((c) => c.key));
  const questionIds = changes.filter((c) => c.kind === "question").map((c) => c.key);
  const questions = await db.question.findMany({ where: { id: { in: questionIds } }, select: { moduleSlug: true } });
  for (const q of questions) moduleKeys.add(q.moduleSlug);
  const modules = await db.trainingModule.findMany({ where: { retired: false }, orderBy: { sortOrder: "asc" } });
  return modules
    .filter((m) => moduleKeys.has(m.slug) || strings(m.clauseIds).some((id) => clauses.has(id)))
    .map((m) => ({ slug: m.slug, title: m.title, clauseIds: strings(m.clauseIds).filter((id) => clauses.has(id)) }));
}

/** Every release after the first, newest first, with what it changed. */
export async function listReleaseChanges() {
  const releases = await db.contentRelease.findMany({
    where: { id: { gt: (await db.contentRelease.findFirst({ orderBy: { id: "asc" } }))?.id ?? 0 } },
    orderBy: { id: "desc" },
    include: { changes: true },
  });
  return Promise.all(
    releases.map(async (release) => ({
      id: release.id,
      createdAt: release.createdAt,
      policyRevised: release.policyRevised,
      changedClauses: [...new Set(release.changes.flatMap((c) => strings(c.clauseIds)))].sort(),
      modules: await changedModules(release.id),
    })),
  );
}

/** Active staff who completed a track on a release older than `releaseId`, under the filter. */
function eligibleWhere(releaseId: number, filter: DeltaFilter): Prisma.StaffWhereInput {
  return {
    active: true,
    organisationId: filter.organisationId,
    employeeTypeCode: filter.employeeTypeCode,
    assignments: {
      some: { trackId: filter.trackId ?? { not: DELTA_TRACK }, completedReleaseId: { lt: releaseId } },
    },
  };
}

/** How many people a delta assignment for `releaseId` would reach. */
export function countDeltaCandidates(releaseId: number, filter: DeltaFilter): Promise<number> {
  return db.staff.count({ where: eligibleWhere(releaseId, filter) });
}

/**
 * 差分再研修: assigns a short track of just the modules that `releaseId`
 * changed to everyone (or a filter of those) who completed a track on an
 * older release. One per person per release, by the unique cycle key.
 */
export async function assignDeltaRetraining(actor: Actor, releaseId: number, filter: DeltaFilter, today: string) {
  const modules = await changedModules(releaseId);
  const track = await getTrack(DELTA_TRACK);
  if (!track || modules.length === 0) return { created: 0, existing: 0, modules: [] as string[] };
  const slugs = modules.map((m) => m.slug);
  const dueDate = track.due.kind === "daysAfter" ? addDays(today, track.due.days) : addDays(today, 30);
  const cycleKey = `DELTA-R${releaseId}`;
  return db.$transaction(async (tx) => {
    const people = await tx.staff.findMany({ where: eligibleWhere(releaseId, filter), select: { id: true } });
    const existing = await tx.assignment.findMany({
      where: { trackId: DELTA_TRACK, cycleKey },
      select: { staffId: true },
    });
    const have = new Set(existing.map((e) => e.staffId));
    const data = people
      .filter((p) => !have.has(p.id))
      .map((p) => ({
        staffId: p.id,
        trackId: DELTA_TRACK,
        cycleKey,
        fiscalYear: fiscalYearOf(today),
        dueDate,
        moduleSlugs: slugs,
      }));
    await tx.assignment.createMany({ data });
    await recordAudit(tx, actor, {
      action: "assignments.delta",
      targetType: "release",
      targetId: releaseId,
      detail: { filter, modules: slugs, created: data.length, existing: have.size, dueDate },
    });
    return { created: data.length, existing: have.size, modules: slugs };
  });
}
