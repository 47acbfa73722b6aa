import type { Prisma } from "~/generated/prisma/client.ts";
import { db } from "~/lib/db.server.ts";
import type { Actor } from "~/domain/audit.ts";
import { trackAppliesTo } from "~/domain/assignment-rules.ts";
import type { Track } from "~/domain/content/types.ts";
import { parseStoredDuties } from "~/domain/duties.ts";
import { addDays, fiscalYearOf } from "~/domain/fiscal-year.ts";
import { isRole } from "~/domain/roles.ts";
import { recordAudit } from "./audit.server.ts";
import { getTrack, listTracks } from "./catalogue.server.ts";

/** The track that delta retraining assignments take (content/tracks.yaml). */
export const DELTA_TRACK = "delta-retraining";

export type DeltaFilter = { organisationId?: string; employeeTypeCode?: string; trackId?: string };

const strings = (json: unknown) => (Array.isArray(json) ? json.map(String) : []);

/**
 * A clause change that obliges anyone to anything new: its text changed in
 * substance, or it was added or removed. A new heading, the city's new name
 * or a re-typed layout is recorded in the release but retrains nobody.
 */
const SUBSTANTIVE = new Set(["added", "changed", "removed"]);

/** The clauses whose text a release changed in substance (差分再研修's 変わった条項). */
function substantiveClauses(changes: readonly { kind: string; key: string; change: string }[]): Set<string> {
  return new Set(changes.filter((c) => c.kind === "clause" && SUBSTANTIVE.has(c.change)).map((c) => c.key));
}

/**
 * The modules a release changed for learners: those citing a clause whose
 * text changed in substance. A module edited without such a change (a
 * typo, a better example) asks nobody already certified to study again.
 */
export async function changedModules(releaseId: number) {
  const clauses = substantiveClauses(await db.contentChange.findMany({ where: { releaseId } }));
  if (clauses.size === 0) return [];
  const modules = await db.trainingModule.findMany({ where: { retired: false }, orderBy: { sortOrder: "asc" } });
  return modules
    .filter((m) => strings(m.clauseIds).some((id) => clauses.has(id)))
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
      changedClauses: [...substantiveClauses(release.changes)].sort(),
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
 * The changed modules a person's delta course may hold: those in the
 * person's own tracks (by employee type, role and 担当), so that a
 * manager-only lesson never reaches a learner. In the order of `changed`.
 */
export function deltaModulesFor(
  changed: readonly string[],
  person: { employeeTypeCode: string; role: string; duties: string },
  tracks: readonly Track[],
): string[] {
  const staff = {
    employeeTypeCode: person.employeeTypeCode,
    role: isRole(person.role) ? person.role : "LEARNER",
    duties: parseStoredDuties(person.duties),
  };
  const own = new Set(
    tracks
      .filter((track) => track.id !== DELTA_TRACK && trackAppliesTo(track, staff))
      .flatMap((track) => track.modules),
  );
  return changed.filter((slug) => own.has(slug));
}

/**
 * 差分再研修: assigns a short track of the modules that `releaseId` changed
 * to everyone (or a filter of those) who completed a track on an older
 * release; each person gets only the changed modules of their own tracks,
 * and nobody is assigned an empty course. One per person per release, by
 * the unique cycle key.
 */
export async function assignDeltaRetraining(actor: Actor, releaseId: number, filter: DeltaFilter, today: string) {
  const modules = await changedModules(releaseId);
  const [track, tracks] = await Promise.all([getTrack(DELTA_TRACK), listTracks()]);
  if (!track || modules.length === 0) return { created: 0, existing: 0, skipped: 0, modules: [] as string[] };
  const changed = modules.map((m) => m.slug);
  const dueDate = track.due.kind === "daysAfter" ? addDays(today, track.due.days) : addDays(today, 30);
  const cycleKey = `DELTA-R${releaseId}`;
  return db.$transaction(async (tx) => {
    const people = await tx.staff.findMany({
      where: eligibleWhere(releaseId, filter),
      select: { id: true, employeeTypeCode: true, role: true, duties: true },
    });
    const existing = await tx.assignment.findMany({
      where: { trackId: DELTA_TRACK, cycleKey },
      select: { staffId: true },
    });
    const have = new Set(existing.map((e) => e.staffId));
    const courses = people
      .filter((p) => !have.has(p.id))
      .map((p) => ({ staffId: p.id, moduleSlugs: deltaModulesFor(changed, p, tracks) }));
    const data = courses
      .filter((course) => course.moduleSlugs.length > 0)
      .map((course) => ({
        ...course,
        trackId: DELTA_TRACK,
        cycleKey,
        fiscalYear: fiscalYearOf(today),
        dueDate,
      }));
    const skipped = courses.length - data.length;
    const slugs = changed.filter((slug) => data.some((d) => d.moduleSlugs.includes(slug)));
    await tx.assignment.createMany({ data });
    await recordAudit(tx, actor, {
      action: "assignments.delta",
      targetType: "release",
      targetId: releaseId,
      detail: { filter, modules: slugs, created: data.length, existing: have.size, skipped, dueDate },
    });
    return { created: data.length, existing: have.size, skipped, modules: slugs };
  });
}
