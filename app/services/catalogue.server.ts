import { db } from "~/lib/db.server.ts";
import type { Question, Track } from "~/domain/content/types.ts";
import { renderLesson, type CitedClause } from "./lesson.server.ts";

/**
 * The read side of the training content as loaded by content:sync: tracks,
 * modules and clauses of the current release.
 */

type Reader = Pick<typeof db, "contentRelease" | "track" | "trainingModule">;

type ModuleSummary = { slug: string; title: string; summary: string; minutes: number; audience: string };

/** What every learner page needs of the content of one release, kept in memory. */
type Catalogue = {
  release: { id: number; hash: string; policyRevised: string | null; createdAt: Date };
  /** Every track, retired ones included: past assignments still refer to them. */
  tracks: Map<string, Track>;
  /** The tracks in force, in tracks.yaml order. */
  activeTracks: Track[];
  modules: Map<string, ModuleSummary>;
  /** Lessons rendered so far, by slug (see getLesson). */
  lessons: Map<string, Promise<Lesson | null>>;
};

/**
 * Content changes only by content:sync, which always makes a new release;
 * the catalogue is read again when the latest release is not the one it was
 * read for. That is checked at most once a second, so a sync run by another
 * process (or another app instance) is seen within a second, and a page
 * costs no content query at all.
 */
const RECHECK_MS = 1_000;
let cached: { catalogue: Promise<Catalogue>; checkedAt: number } | undefined;

async function readCatalogue(tx: Reader, known: Catalogue | undefined): Promise<Catalogue> {
  const release = await tx.contentRelease.findFirstOrThrow({ orderBy: { id: "desc" } });
  if (known?.release.id === release.id) return known;
  const [tracks, modules] = await Promise.all([
    tx.track.findMany({ orderBy: { sortOrder: "asc" } }),
    tx.trainingModule.findMany({ select: { slug: true, title: true, summary: true, minutes: true, audience: true } }),
  ]);
  const definition = (row: (typeof tracks)[number]) => row.definition as unknown as Track;
  return {
    release,
    tracks: new Map(tracks.map((row) => [row.id, definition(row)])),
    activeTracks: tracks.filter((row) => !row.retired).map(definition),
    modules: new Map(modules.map((m) => [m.slug, m])),
    lessons: new Map(),
  };
}

/** The catalogue of the latest release. Inside a transaction pass it as `tx`: SQLite has one connection. */
async function catalogue(tx: Reader = db): Promise<Catalogue> {
  const now = Date.now();
  if (cached && now - cached.checkedAt < RECHECK_MS) return cached.catalogue;
  const previous = cached?.catalogue;
  const next = (async () => readCatalogue(tx, await previous?.catch(() => undefined)))();
  cached = { catalogue: next, checkedAt: now };
  // A failed read is not kept: the next call tries again.
  next.catch(() => {
    if (cached?.catalogue === next) cached = undefined;
  });
  return next;
}

/** Called by content:sync once a new release is committed, so this process sees it at once. */
export function forgetCatalogue(): void {
  cached = undefined;
}

/** The latest content release; every database set up by db:setup has one. */
export async function currentRelease(tx: Reader = db) {
  return (await catalogue(tx)).release;
}

/** A track's definition from tracks.yaml, as synced (validated on sync). */
export async function getTrack(trackId: string, tx: Reader = db): Promise<Track | null> {
  return (await catalogue(tx)).tracks.get(trackId) ?? null;
}

/** Every track in force, in tracks.yaml order. */
export async function listTracks(tx: Reader = db): Promise<Track[]> {
  return (await catalogue(tx)).activeTracks;
}

/** Every module's title and reading time, by slug. */
export async function moduleSummariesBySlug(): Promise<ReadonlyMap<string, ModuleSummary>> {
  return (await catalogue()).modules;
}

/** Titles and reading times of modules, by slug. */
export async function moduleSummaries(slugs: readonly string[]): Promise<ModuleSummary[]> {
  const { modules } = await catalogue();
  return slugs.flatMap((slug) => {
    const found = modules.get(slug);
    return found ? [found] : [];
  });
}

/** Every clause of the policy in force, in the policy's order. */
export function listClauses() {
  return db.clause.findMany({ where: { retired: false }, orderBy: { sortOrder: "asc" } });
}

export type Lesson = ModuleSummary & { html: string; cited: CitedClause[] };

/**
 * A module with its lesson rendered to HTML, citations linked to the
 * clauses' text. Rendered once per release: the Markdown and the clauses
 * change only with a new one.
 */
export async function getLesson(slug: string): Promise<Lesson | null> {
  const { lessons } = await catalogue();
  let lesson = lessons.get(slug);
  if (!lesson) {
    lesson = renderStoredLesson(slug);
    lessons.set(slug, lesson);
    // A failed read is not kept: the next call tries again.
    lesson.catch(() => lessons.delete(slug));
  }
  return lesson;
}

async function renderStoredLesson(slug: string): Promise<Lesson | null> {
  const [module, clauses] = await Promise.all([db.trainingModule.findUnique({ where: { slug } }), listClauses()]);
  if (!module) return null;
  const { html, cited } = renderLesson(
    module.body,
    new Map(clauses.map((c) => [c.id, { heading: c.heading, text: c.text }])),
  );
  const { title, summary, minutes, audience } = module;
  return { slug, title, summary, minutes, audience, html, cited };
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
