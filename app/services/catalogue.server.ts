import { db } from "~/lib/db.server.ts";
import type { Question, Track } from "~/domain/content/types.ts";

/**
 * The read side of the training content as loaded by content:sync: tracks,
 * modules and clauses of the current release.
 */

type Reader = Pick<typeof db, "contentRelease" | "track">;

/** The latest content release; every database set up by db:setup has one. */
export async function currentRelease(tx: Reader = db) {
  return tx.contentRelease.findFirstOrThrow({ orderBy: { id: "desc" } });
}

/** A track's definition from tracks.yaml, as synced (validated on sync). */
export async function getTrack(trackId: string, tx: Reader = db): Promise<Track | null> {
  const row = await tx.track.findUnique({ where: { id: trackId } });
  return row ? (row.definition as unknown as Track) : null;
}

/** Every track in force, in tracks.yaml order. */
export async function listTracks(tx: Reader = db): Promise<Track[]> {
  const rows = await tx.track.findMany({ where: { retired: false }, orderBy: { sortOrder: "asc" } });
  return rows.map((row) => row.definition as unknown as Track);
}

/** Titles and reading times of modules, by slug. */
export async function moduleSummaries(slugs: readonly string[]) {
  const modules = await db.trainingModule.findMany({
    where: { slug: { in: [...slugs] } },
    select: { slug: true, title: true, summary: true, minutes: true, audience: true },
  });
  const bySlug = new Map(modules.map((m) => [m.slug, m]));
  return slugs.flatMap((slug) => {
    const found = bySlug.get(slug);
    return found ? [found] : [];
  });
}

/** One module with its lesson. */
export function getModule(slug: string) {
  return db.trainingModule.findUnique({ where: { slug } });
}

/** Every clause of the policy in force, in the policy's order. */
export function listClauses() {
  return db.clause.findMany({ where: { retired: false }, orderBy: { sortOrder: "asc" } });
}

/** Clause heading and text by id. */
export async function clauseTexts(): Promise<Map<string, { heading: string; text: string }>> {
  const clauses = await listClauses();
  return new Map(clauses.map((c) => [c.id, { heading: c.heading, text: c.text }]));
}

/** A stored question row as the content type it was synced from. */
export function toQuestion(row: {
  id: string;
  moduleSlug: string;
  type: string;
  prompt: string;
  choices: unknown;
  answer: unknown;
  explanation: string;
  clauseId: string;
}): Question {
  return {
    id: row.id,
    moduleSlug: row.moduleSlug,
    type: row.type as Question["type"],
    prompt: row.prompt,
    choices: row.choices as Question["choices"],
    answer: row.answer as string[],
    explanation: row.explanation,
    clause: row.clauseId,
  };
}

/** One question with its choices and answer key, for HR's item analysis. */
export async function getQuestion(id: string): Promise<Question | null> {
  const row = await db.question.findUnique({ where: { id } });
  return row ? toQuestion(row) : null;
}
