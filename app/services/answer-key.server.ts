import { db } from "~/lib/db.server.ts";
import { getTrack } from "./catalogue.server.ts";
import { trackFor } from "./learning.server.ts";

/**
 * Whether `staffId` may still be asked questions of `moduleSlug`: some
 * unfinished assignment of theirs has a quiz that draws from that module's
 * bank. A manager, HR or an administrator in that position must not read
 * the question's answer key in the reports first (a manager with an open
 * annual refresher read every key and passed with 100%).
 */
export async function mayStillBeAsked(staffId: number, moduleSlug: string): Promise<boolean> {
  const open = await db.assignment.findMany({
    where: { staffId, completedAt: null },
    select: { trackId: true, moduleSlugs: true },
  });
  for (const assignment of open) {
    const track = await getTrack(assignment.trackId);
    if (track && trackFor(track, assignment).modules.includes(moduleSlug)) return true;
  }
  return false;
}
