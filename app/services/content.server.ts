import { createHash } from "node:crypto";
import { type Dirent, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { forgetCatalogue } from "./catalogue.server.ts";
import { checkContent, type ContentCheck } from "~/domain/content/validate.ts";
import { cityRenaming, classifyClauseChange, type Renaming } from "~/domain/content/clause-change.ts";
import { policyTitle } from "~/domain/content/review.ts";
import type { ContentBundle, ContentFile, Track } from "~/domain/content/types.ts";
import { isDrillScenarioPath, type DrillScenario } from "~/domain/drills/scenario.ts";
import { EMPLOYEE_TYPES } from "~/domain/base-data.ts";

/** The content folder: CONTENT_DIR, or content/ beside package.json. */
export function contentDirectory(): string {
  return env.CONTENT_DIR;
}

/**
 * The city's settings file: read once by the first db:setup (city.server.ts),
 * and no part of a content release.
 */
export const CITY_FILE = "city.yaml";

/** Every .md and .yaml file under `dir` but the city's settings, with paths relative to it. */
export function readContentFiles(dir = contentDirectory()): ContentFile[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile() && /\.(md|ya?ml)$/.test(entry.name))
    .filter((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)) !== CITY_FILE)
    .map((entry) => {
      const path = join(entry.parentPath ?? entry.path, entry.name);
      return {
        path: relative(dir, path).split(sep).join("/"),
        text: readFileSync(path, "utf8").replace(/\r\n/g, "\n"),
      };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** Validates content files against the base data's employee types. */
export function checkContentFiles(files: ContentFile[]): ContentCheck {
  return checkContent(files, { employeeTypes: EMPLOYEE_TYPES.map((t) => t.code) });
}

/**
 * The release hash: every file's path and text, in path order. Drill
 * scenarios are left out: a release is what staff learn and are tested on,
 * and changing a drill mail must not make a new release with nothing in it.
 */
export function contentHash(files: readonly ContentFile[]): string {
  const hash = createHash("sha256");
  const released = files.filter((file) => !isDrillScenarioPath(file.path));
  for (const file of released.sort((a, b) => a.path.localeCompare(b.path))) {
    hash.update(file.path).update("\0").update(file.text).update("\0");
  }
  return hash.digest("hex");
}

/** JSON with sorted keys, so an item's hash changes only when its content does. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A track as it was hashed before tracks could name 担当 (duties). */
function withoutDuties(track: Track): Omit<Track, "appliesTo"> & { appliesTo: Omit<Track["appliesTo"], "duties"> } {
  const { duties: _duties, ...appliesTo } = track.appliesTo;
  return { ...track, appliesTo };
}

function itemHash(value: unknown): string {
  return createHash("sha256").update(canonical(value)).digest("hex").slice(0, 32);
}

type ChangeKind = "clause" | "module" | "question" | "track";
/**
 * "changed" is a change of substance. A clause may instead have changed
 * only its heading ("heading"), only the city's name ("renamed") or only
 * its layout ("retyped"): recorded, so the release is exact, but no
 * reason to retrain anyone (delta.server.ts).
 */
type Change = {
  kind: ChangeKind;
  key: string;
  change: "added" | "changed" | "removed" | "heading" | "renamed" | "retyped";
  clauseIds: string[];
};

const CLAUSE_CHANGE = { text: "changed", heading: "heading", renaming: "renamed", none: "retyped" } as const;

/** Tells a clause's change of substance from one of heading, name or layout (clause-change.ts). */
function classifyClauses(
  changes: Change[],
  before: readonly { id: string; heading: string; text: string; editorial: boolean }[],
  after: readonly { id: string; heading: string; text: string; editorial: boolean }[],
  renaming: Renaming | null,
): Change[] {
  const was = new Map(before.map((c) => [c.id, c]));
  const now = new Map(after.map((c) => [c.id, c]));
  return changes.map((c) => {
    const [old, current] = [was.get(c.key), now.get(c.key)];
    if (c.kind !== "clause" || c.change !== "changed" || !old || !current) return c;
    const change = classifyClauseChange(old, current, renaming);
    // A heading marked or unmarked as Mamori's (編集注) is a change of heading too.
    const marked = change === "none" && old.editorial !== current.editorial;
    return { ...c, change: CLAUSE_CHANGE[marked ? "heading" : change] };
  });
}

export type SyncResult = {
  status: "created" | "unchanged";
  releaseId: number;
  hash: string;
  changes: Change[];
  changedClauses: string[];
};

export type BrowserRelease = { releaseId: number; changes: Omit<Change, "clauseIds">[] };

/** content:sync without --force found releases published in the browser since the last file sync. */
export class BrowserEditsSinceFileSync extends Error {
  constructor(readonly browserReleases: BrowserRelease[]) {
    const lines = browserReleases.flatMap((r) =>
      r.changes.map((c) => `  release ${r.releaseId}: ${c.kind} ${c.key} ${c.change}`),
    );
    super(
      `content/ would overwrite edits published in the browser since the last file sync:\n${lines.join("\n")}\n` +
        "Export the current release into content/ first, or run content:sync -- --force to overwrite them.",
    );
  }
}

/**
 * Where a release's files came from: content:sync, a draft published in the
 * browser, or the edition an upgrade ships, published by db:setup on a city
 * that had published none of its own.
 */
export type ReleaseSource = "files" | "browser" | "upgrade";

export type SyncOptions = {
  /** The files the bundle was read from, kept so the release can be exported and edited. */
  files?: readonly ContentFile[];
  source?: ReleaseSource;
  /** Overwrite releases published in the browser since the last file sync. */
  force?: boolean;
  /** Runs inside the sync's transaction, so that what the caller records lands with the release or not at all. */
  afterSync?: (tx: Tx, result: SyncResult) => Promise<void>;
};

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** Releases published in the browser after the last release synced from files (content:sync or an upgrade). */
async function browserReleasesSinceFileSync(tx: Tx): Promise<BrowserRelease[]> {
  const lastFileSync = await tx.contentSnapshot.findFirst({
    where: { source: { in: ["files", "upgrade"] } },
    orderBy: { releaseId: "desc" },
  });
  const browser = await tx.contentSnapshot.findMany({
    where: { source: "browser", releaseId: { gt: lastFileSync?.releaseId ?? 0 } },
    orderBy: { releaseId: "asc" },
    select: { releaseId: true },
  });
  const changes = await tx.contentChange.findMany({
    where: { releaseId: { in: browser.map((b) => b.releaseId) } },
    orderBy: { id: "asc" },
  });
  return browser.map(({ releaseId }) => ({
    releaseId,
    changes: changes
      .filter((c) => c.releaseId === releaseId)
      .map((c) => ({ kind: c.kind as ChangeKind, key: c.key, change: c.change as Change["change"] })),
  }));
}

type Row = { key: string; hash: string; retired: boolean; clauseIds: string[] };

/** Compares the items of the new content with the rows in the database. */
function diff(kind: ChangeKind, rows: Row[], items: { key: string; hash: string; clauseIds: string[] }[]): Change[] {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const changes: Change[] = [];
  for (const item of items) {
    const row = byKey.get(item.key);
    if (!row) changes.push({ kind, key: item.key, change: "added", clauseIds: item.clauseIds });
    else if (row.hash !== item.hash || row.retired) {
      changes.push({
        kind,
        key: item.key,
        change: "changed",
        clauseIds: [...new Set([...row.clauseIds, ...item.clauseIds])],
      });
    }
  }
  const present = new Set(items.map((item) => item.key));
  for (const row of rows) {
    if (!row.retired && !present.has(row.key))
      changes.push({ kind, key: row.key, change: "removed", clauseIds: row.clauseIds });
  }
  return changes;
}

const jsonStrings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/**
 * Loads checked content into the database as a new release, unless the
 * latest release has the same hash. Only items whose content changed are
 * written; removed items are retired, never deleted, so past attempts keep
 * their questions. One transaction: a failure leaves the previous release.
 */
export async function syncContent(bundle: ContentBundle, hash: string, options: SyncOptions = {}): Promise<SyncResult> {
  const { files, source = "files", force = false, afterSync } = options;
  const result = await db.$transaction<SyncResult>(
    async (tx) => {
      const latest = await tx.contentRelease.findFirst({ orderBy: { id: "desc" } });
      if (latest?.hash === hash) {
        // A database synced before releases kept their files gets them now.
        if (files && !(await tx.contentSnapshot.findUnique({ where: { releaseId: latest.id } }))) {
          await tx.contentSnapshot.create({ data: { releaseId: latest.id, source, files: [...files] } });
        }
        const unchanged: SyncResult = {
          status: "unchanged",
          releaseId: latest.id,
          hash,
          changes: [],
          changedClauses: [],
        };
        await afterSync?.(tx, unchanged);
        return unchanged;
      }
      if (source === "files" && !force) {
        const browserReleases = await browserReleasesSinceFileSync(tx);
        if (browserReleases.length > 0) throw new BrowserEditsSinceFileSync(browserReleases);
      }

      const clauses = bundle.policy.clauses.map((c) => ({
        ...c,
        // `editorial` enters the hash only when set, so that adding the field changed no other clause.
        hash: itemHash(
          c.editorial ? { heading: c.heading, text: c.text, editorial: true } : { heading: c.heading, text: c.text },
        ),
      }));
      const modules = bundle.modules.map((m) => ({ ...m, hash: itemHash(m) }));
      const questions = bundle.questions.map((q) => ({ ...q, hash: itemHash(q) }));
      // Likewise an empty `appliesTo.duties` stays out of a track's hash.
      const tracks = bundle.tracks.map((t) => ({
        ...t,
        hash: itemHash(t.appliesTo.duties.length > 0 ? t : withoutDuties(t)),
      }));

      const [clauseRows, moduleRows, questionRows, trackRows] = await Promise.all([
        tx.clause.findMany({
          select: { id: true, hash: true, retired: true, heading: true, text: true, editorial: true },
        }),
        tx.trainingModule.findMany({ select: { slug: true, hash: true, retired: true, clauseIds: true } }),
        tx.question.findMany({ select: { id: true, hash: true, retired: true, clauseId: true } }),
        tx.track.findMany({ select: { id: true, hash: true, retired: true } }),
      ]);

      const previous = latest && (await tx.contentSnapshot.findUnique({ where: { releaseId: latest.id } }));
      const renaming = previous
        ? cityRenaming(policyTitle(previous.files as ContentFile[]), bundle.policy.title)
        : null;
      const changes = classifyClauses(
        [
          ...diff(
            "clause",
            clauseRows.map((r) => ({ key: r.id, hash: r.hash, retired: r.retired, clauseIds: [r.id] })),
            clauses.map((c) => ({ key: c.id, hash: c.hash, clauseIds: [c.id] })),
          ),
          ...diff(
            "module",
            moduleRows.map((r) => ({
              key: r.slug,
              hash: r.hash,
              retired: r.retired,
              clauseIds: jsonStrings(r.clauseIds),
            })),
            modules.map((m) => ({ key: m.slug, hash: m.hash, clauseIds: m.clauses })),
          ),
          ...diff(
            "question",
            questionRows.map((r) => ({ key: r.id, hash: r.hash, retired: r.retired, clauseIds: [r.clauseId] })),
            questions.map((q) => ({ key: q.id, hash: q.hash, clauseIds: [q.clause] })),
          ),
          ...diff(
            "track",
            trackRows.map((r) => ({ key: r.id, hash: r.hash, retired: r.retired, clauseIds: [] })),
            tracks.map((t) => ({ key: t.id, hash: t.hash, clauseIds: [] })),
          ),
        ],
        clauseRows,
        clauses,
        renaming,
      );

      const release = await tx.contentRelease.create({
        data: {
          hash,
          policyRevised: bundle.policy.revised,
          changes: { create: changes.map((c) => ({ ...c, clauseIds: c.clauseIds })) },
        },
      });
      const releaseId = release.id;
      if (files) {
        const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
        await tx.contentSnapshot.create({ data: { releaseId, source, files: sorted } });
      }
      const touched = (kind: ChangeKind) =>
        new Set(changes.filter((c) => c.kind === kind && c.change !== "removed").map((c) => c.key));
      const retire = (kind: ChangeKind) =>
        changes.filter((c) => c.kind === kind && c.change === "removed").map((c) => c.key);

      const touchedClauses = touched("clause");
      for (const c of clauses.filter((c) => touchedClauses.has(c.id))) {
        const data = {
          heading: c.heading,
          text: c.text,
          editorial: c.editorial,
          sortOrder: c.order,
          hash: c.hash,
          releaseId,
          retired: false,
        };
        await tx.clause.upsert({ where: { id: c.id }, create: { id: c.id, ...data }, update: data });
      }
      const touchedModules = touched("module");
      for (const [sortOrder, m] of modules.entries()) {
        if (!touchedModules.has(m.slug)) continue;
        const data = {
          title: m.title,
          summary: m.summary,
          audience: m.audience,
          minutes: m.minutes,
          body: m.body,
          clauseIds: m.clauses,
          sortOrder,
          hash: m.hash,
          releaseId,
          retired: false,
        };
        await tx.trainingModule.upsert({ where: { slug: m.slug }, create: { slug: m.slug, ...data }, update: data });
      }
      const touchedQuestions = touched("question");
      for (const [sortOrder, q] of questions.entries()) {
        if (!touchedQuestions.has(q.id)) continue;
        const data = {
          moduleSlug: q.moduleSlug,
          type: q.type,
          prompt: q.prompt,
          choices: q.choices,
          answer: q.answer,
          explanation: q.explanation,
          clauseId: q.clause,
          sortOrder,
          hash: q.hash,
          releaseId,
          retired: false,
        };
        await tx.question.upsert({ where: { id: q.id }, create: { id: q.id, ...data }, update: data });
      }
      const touchedTracks = touched("track");
      for (const [sortOrder, t] of tracks.entries()) {
        if (!touchedTracks.has(t.id)) continue;
        const { hash: trackHash, ...definition } = t;
        const data = { name: t.name, definition, sortOrder, hash: trackHash, releaseId, retired: false };
        await tx.track.upsert({ where: { id: t.id }, create: { id: t.id, ...data }, update: data });
      }
      await tx.clause.updateMany({ where: { id: { in: retire("clause") } }, data: { retired: true } });
      await tx.trainingModule.updateMany({ where: { slug: { in: retire("module") } }, data: { retired: true } });
      await tx.question.updateMany({ where: { id: { in: retire("question") } }, data: { retired: true } });
      await tx.track.updateMany({ where: { id: { in: retire("track") } }, data: { retired: true } });

      const changedClauses = [...new Set(changes.flatMap((c) => c.clauseIds))].sort();
      const created: SyncResult = { status: "created", releaseId, hash, changes, changedClauses };
      await afterSync?.(tx, created);
      return created;
    },
    { timeout: 60_000 },
  );
  if (result.status === "created") forgetCatalogue();
  return result;
}

/** One error listing every problem of invalid content files, file and line first. */
export function contentProblemsError(problems: { file: string; line: number; message: string }[]): Error {
  const lines = problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
  return new Error(`content/ has ${problems.length} problem(s):\n${lines.join("\n")}`);
}

/** The drill scenarios of content/drills, checked with the rest of content/; throws with every problem. */
export function loadDrillScenarios(dir = contentDirectory()): DrillScenario[] {
  const check = checkContentFiles(readContentFiles(dir));
  if (!check.ok) throw contentProblemsError(check.problems);
  return check.drillScenarios;
}

/**
 * Checks content files and makes them a release: the one path for
 * content:sync (source "files") and for a draft published in the browser
 * (source "browser"). Throws with every problem if they are invalid.
 */
export async function publishContentFiles(
  files: readonly ContentFile[],
  source: ReleaseSource,
  options: Pick<SyncOptions, "force" | "afterSync"> = {},
): Promise<SyncResult> {
  const check = checkContentFiles([...files]);
  if (!check.ok) throw contentProblemsError(check.problems);
  return syncContent(check.bundle, contentHash(files), { files, source, ...options });
}

/** Reads, checks and syncs content/; throws with every problem if it is invalid. */
export async function syncContentDirectory(dir = contentDirectory(), options: { force?: boolean } = {}) {
  return publishContentFiles(readContentFiles(dir), "files", options);
}

/** The files of a release, or null for one made before releases kept their files. */
export async function releaseFiles(releaseId: number): Promise<ContentFile[] | null> {
  const snapshot = await db.contentSnapshot.findUnique({ where: { releaseId } });
  return snapshot ? (snapshot.files as ContentFile[]) : null;
}
