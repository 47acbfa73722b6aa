import { diffReleases, type ReleaseDiff } from "~/domain/content/release-diff.ts";
import { tarArchive } from "~/domain/content/tar.ts";
import type { Actor } from "~/domain/audit.ts";
import { db } from "~/lib/db.server.ts";
import { recordAudit } from "./audit.server.ts";
import { currentRelease } from "./catalogue.server.ts";
import { releaseFiles, type ReleaseSource } from "./content.server.ts";

/** Every release, newest first, with where its files came from. */
export async function listReleases() {
  const [releases, snapshots] = await Promise.all([
    db.contentRelease.findMany({ orderBy: { id: "desc" }, select: { id: true, createdAt: true, policyRevised: true } }),
    db.contentSnapshot.findMany({ select: { releaseId: true, source: true } }),
  ]);
  const source = new Map(snapshots.map((s) => [s.releaseId, s.source]));
  return releases.map((r) => ({ ...r, source: (source.get(r.id) ?? null) as ReleaseSource | null }));
}

/** Releases never change, so neither does the difference of two: the last few are kept. */
const diffs = new Map<string, ReleaseDiff | null>();
const REMEMBERED_DIFFS = 8;

/** The readable difference between two releases, or null when either kept no files. */
export async function compareReleases(from: number, to: number): Promise<ReleaseDiff | null> {
  const key = `${from}:${to}`;
  if (diffs.has(key)) return diffs.get(key)!;
  const [before, after] = await Promise.all([releaseFiles(from), releaseFiles(to)]);
  const diff = before && after ? diffReleases(before, after) : null;
  // A release that does not exist yet may exist later: only a difference of two real releases is kept.
  if (before && after) {
    diffs.set(key, diff);
    if (diffs.size > REMEMBERED_DIFFS) diffs.delete(diffs.keys().next().value!);
  }
  return diff;
}

/**
 * The current release as a content/ folder in a tar archive: exactly the
 * files it was made from, so content:check accepts it and content:sync of
 * it into the same database changes nothing. Audited: it is the policy's
 * whole text leaving the system.
 */
export async function exportCurrentRelease(actor: Actor) {
  const release = await currentRelease();
  const files = await releaseFiles(release.id);
  if (!files) return null;
  await recordAudit(db, actor, { action: "content.export", targetType: "release", targetId: release.id });
  return {
    name: `mamori-content-r${release.id}.tar`,
    archive: tarArchive(files, "content", Math.floor(release.createdAt.getTime() / 1000)),
  };
}
