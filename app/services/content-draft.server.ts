import { createHash } from "node:crypto";
import { parse } from "yaml";
import { rawItems } from "~/domain/content/raw.ts";
import { EDITIONS_SHIPPED_BEFORE_MARKING } from "~/domain/content/shipped-editions.ts";
import { reviewKey, reviewQueue, type Review, type ReviewItem } from "~/domain/content/review.ts";
import { CLI_ACTOR, type Actor } from "~/domain/audit.ts";
import { locateProblems, type LocatedProblem } from "~/domain/content/problems-ja.ts";
import type { ContentFile } from "~/domain/content/types.ts";
import { db } from "~/lib/db.server.ts";
import { recordAudit } from "./audit.server.ts";
import { currentRelease } from "./catalogue.server.ts";
import { getCity } from "./city.server.ts";
import { renderLesson } from "./lesson.server.ts";
import {
  checkContentFiles,
  contentHash,
  contentProblemsError,
  publishContentFiles,
  releaseFiles,
} from "./content.server.ts";

/**
 * 下書き: content edited in the browser. A draft holds the whole set of
 * content files, starts from the current release, is checked by the same
 * validator as content:check after every edit, and becomes a release through
 * the same function as content:sync. With the city's requireApproval
 * setting on, a second ADMIN approves it: one who changed nothing in it
 * (not its starter, nor any editor), for the revision they reviewed.
 */

export type DraftStatus = "open" | "submitted" | "published" | "discarded";

export type Draft = {
  id: number;
  baseReleaseId: number;
  authorId: number;
  authorName: string;
  /** Everyone who changed the draft (its starter included): none of them may approve it. */
  editorIds: number[];
  /** What the approver reviews and names when publishing (draftRevision). */
  revision: string;
  status: DraftStatus;
  files: ContentFile[];
  /** Review items the officer confirmed as still right (reviewKey). */
  confirmed: string[];
  updatedAt: Date;
};

async function toDraft(row: {
  id: number;
  baseReleaseId: number;
  authorId: number;
  status: string;
  files: unknown;
  confirmed: unknown;
  updatedAt: Date;
}): Promise<Draft> {
  const [author, editors] = await Promise.all([
    db.staff.findUnique({ where: { id: row.authorId }, select: { name: true } }),
    db.contentDraftEditor.findMany({ where: { draftId: row.id }, select: { staffId: true } }),
  ]);
  const files = row.files as ContentFile[];
  return {
    ...row,
    status: row.status as DraftStatus,
    files,
    editorIds: [...new Set([row.authorId, ...editors.map((e) => e.staffId)])],
    revision: draftRevision(files),
    confirmed: Array.isArray(row.confirmed) ? row.confirmed.map(String) : [],
    authorName: author?.name ?? "",
  };
}

/** The draft being edited or awaiting approval; there is at most one. */
export async function activeDraft(): Promise<Draft | null> {
  const row = await db.contentDraft.findFirst({
    where: { status: { in: ["open", "submitted"] } },
    orderBy: { id: "desc" },
  });
  return row ? toDraft(row) : null;
}

export type DraftResult<T = object> = ({ ok: true } & T) | { ok: false; reason: DraftRefusal };
export type DraftRefusal =
  "exists" | "noFiles" | "noDraft" | "notOpen" | "notSubmitted" | "ownDraft" | "invalid" | "stale" | "revisionChanged";

/**
 * The draft's revision: a SHA-256 of its files in path order. The review
 * page shows it and the publish form sends it back, so that what goes live
 * is exactly what the approver saw — a draft changed since (reopened,
 * edited, resubmitted) needs a new review.
 */
export function draftRevision(files: readonly ContentFile[]): string {
  const ordered = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return createHash("sha256")
    .update(JSON.stringify(ordered.map((f) => [f.path, f.text])))
    .digest("hex");
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** Records `actor` as one who changed the draft: they can no longer approve it. */
async function recordEditor(tx: Tx, draftId: number, actor: Actor) {
  if (actor.staffId === null) return;
  await tx.contentDraftEditor.upsert({
    where: { draftId_staffId: { draftId, staffId: actor.staffId } },
    create: { draftId, staffId: actor.staffId },
    update: {},
  });
}

/** Starts a draft from the files of the current release. */
export async function startDraft(actor: Actor): Promise<DraftResult<{ id: number }>> {
  if (await activeDraft()) return { ok: false, reason: "exists" };
  const release = await currentRelease();
  const files = await releaseFiles(release.id);
  if (!files) return { ok: false, reason: "noFiles" };
  const draft = await db.$transaction(async (tx) => {
    const created = await tx.contentDraft.create({
      data: { baseReleaseId: release.id, files, authorId: actor.staffId ?? 0 },
    });
    await recordEditor(tx, created.id, actor);
    await recordAudit(tx, actor, {
      action: "content.draft-edit",
      targetType: "draft",
      targetId: created.id,
      detail: { started: release.id },
    });
    return created;
  });
  return { ok: true, id: draft.id };
}

/** Each bank's question ids in file order, to place schema problems on their question. */
function questionIdsByFile(files: readonly ContentFile[]): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  for (const file of files.filter((f) => f.path.startsWith("quizzes/"))) {
    try {
      const data = parse(file.text) as { questions?: { id?: unknown }[] } | null;
      ids.set(
        file.path,
        (data?.questions ?? []).map((q) => String(q?.id ?? "")),
      );
    } catch {
      ids.set(file.path, []);
    }
  }
  return ids;
}

/** The validator of content:check on the draft's files, its problems in Japanese beside their items. */
type DraftCheck = { ok: boolean; problems: LocatedProblem[] };

/**
 * What the editor's pages read off a draft — its check, its items, its
 * review queue — remembered for the last few revisions. Every page of the
 * editor shows them, each takes a few hundred milliseconds to work out over
 * the whole content, and a draft changes only when saved, which makes a new
 * revision (so nothing remembered goes stale).
 */
function rememberLast<T>(size: number) {
  const remembered = new Map<string, T>();
  return (key: string, work: () => T): T => {
    if (remembered.has(key)) return remembered.get(key)!;
    const value = work();
    remembered.set(key, value);
    if (remembered.size > size) remembered.delete(remembered.keys().next().value!);
    return value;
  };
}

const checks = rememberLast<DraftCheck>(8);
const contents = rememberLast<ReturnType<typeof rawItems>>(8);
const reviews = rememberLast<Review>(8);

export function checkDraft(files: readonly ContentFile[]): DraftCheck {
  return checks(draftRevision(files), () => {
    const check = checkContentFiles([...files]);
    return { ok: check.ok, problems: check.ok ? [] : locateProblems(check.problems, questionIdsByFile(files)) };
  });
}

/**
 * Applies one edit to the open draft and records it. The edit is a pure
 * function of the files (app/domain/content/edit.ts); what it changed is
 * audited by item.
 */
export async function editDraft(
  actor: Actor,
  item: { kind: "clause" | "module" | "question" | "track"; key: string },
  edit: (files: ContentFile[]) => ContentFile[],
): Promise<DraftResult<{ problems: LocatedProblem[] }>> {
  return db.$transaction(async (tx) => {
    const row = await tx.contentDraft.findFirst({
      where: { status: { in: ["open", "submitted"] } },
      orderBy: { id: "desc" },
    });
    if (!row) return { ok: false, reason: "noDraft" } as const;
    if (row.status !== "open") return { ok: false, reason: "notOpen" } as const;
    const files = edit(row.files as ContentFile[]);
    await tx.contentDraft.update({ where: { id: row.id }, data: { files } });
    await recordEditor(tx, row.id, actor);
    await recordAudit(tx, actor, {
      action: "content.draft-edit",
      targetType: "draft",
      targetId: row.id,
      detail: item,
    });
    return { ok: true, problems: checkDraft(files).problems } as const;
  });
}

/** Asks a second ADMIN to approve; only a draft the validator accepts. */
export async function submitDraft(actor: Actor): Promise<DraftResult> {
  const draft = await activeDraft();
  if (!draft) return { ok: false, reason: "noDraft" };
  if (draft.status !== "open") return { ok: false, reason: "notOpen" };
  if (!checkDraft(draft.files).ok) return { ok: false, reason: "invalid" };
  // A draft an upgrade made has no author: whoever submits it answers for it,
  // so that a second ADMIN approves it as any other.
  const authorId = draft.authorId === UPGRADE_AUTHOR ? (actor.staffId ?? UPGRADE_AUTHOR) : draft.authorId;
  await db.$transaction(async (tx) => {
    await tx.contentDraft.update({
      where: { id: draft.id },
      data: { status: "submitted", submittedAt: new Date(), authorId },
    });
    await recordAudit(tx, actor, { action: "content.draft-submit", targetType: "draft", targetId: draft.id });
  });
  return { ok: true };
}

/** Sends a submitted draft back for more edits. */
export async function reopenDraft(actor: Actor): Promise<DraftResult> {
  const draft = await activeDraft();
  if (!draft) return { ok: false, reason: "noDraft" };
  if (draft.status !== "submitted") return { ok: false, reason: "notSubmitted" };
  await db.$transaction(async (tx) => {
    await tx.contentDraft.update({ where: { id: draft.id }, data: { status: "open", submittedAt: null } });
    await recordAudit(tx, actor, {
      action: "content.draft-edit",
      targetType: "draft",
      targetId: draft.id,
      detail: { reopened: true },
    });
  });
  return { ok: true };
}

export async function discardDraft(actor: Actor): Promise<DraftResult> {
  const draft = await activeDraft();
  if (!draft) return { ok: false, reason: "noDraft" };
  await db.$transaction(async (tx) => {
    await tx.contentDraft.update({ where: { id: draft.id }, data: { status: "discarded" } });
    await recordAudit(tx, actor, { action: "content.draft-discard", targetType: "draft", targetId: draft.id });
  });
  return { ok: true };
}

/**
 * Publishes the draft as a content release, through the same function as
 * content:sync, if it is still the `revision` the publisher reviewed. With
 * approval required, the draft must have been submitted and the publisher
 * is its approver, who changed nothing in it. A draft started before
 * another release was made is refused: publishing it would undo that
 * release.
 */
export async function publishDraft(
  actor: Actor,
  revision: string,
): Promise<DraftResult<{ releaseId: number; changed: number }>> {
  const [draft, city, release] = await Promise.all([activeDraft(), getCity(), currentRelease()]);
  if (!draft) return { ok: false, reason: "noDraft" };
  if (draft.revision !== revision) return { ok: false, reason: "revisionChanged" };
  if (city.requireApproval) {
    if (draft.status !== "submitted") return { ok: false, reason: "notSubmitted" };
    if (actor.staffId === null || draft.editorIds.includes(actor.staffId)) return { ok: false, reason: "ownDraft" };
  }
  if (draft.baseReleaseId !== release.id) return { ok: false, reason: "stale" };
  if (!checkDraft(draft.files).ok) return { ok: false, reason: "invalid" };
  // The draft is marked published in the release's own transaction: both or neither.
  const result = await publishContentFiles(draft.files, "browser", {
    afterSync: async (tx, synced) => {
      // Still the draft as read above: an edit or a reopening meanwhile moves updatedAt.
      const marked = await tx.contentDraft.updateMany({
        where: { id: draft.id, status: draft.status, updatedAt: draft.updatedAt },
        data: {
          status: "published",
          approvedById: city.requireApproval ? actor.staffId : null,
          publishedReleaseId: synced.releaseId,
        },
      });
      // Another ADMIN published or discarded it a moment ago: undo this release.
      if (marked.count !== 1) throw new DraftChangedMeanwhile();
      await recordAudit(tx, actor, {
        action: "content.publish",
        targetType: "release",
        targetId: synced.releaseId,
        detail: {
          draft: draft.id,
          author: draft.authorId,
          changes: synced.changes.map((c) => `${c.kind} ${c.key} ${c.change}`),
        },
      });
    },
  }).catch((error: unknown) => {
    if (error instanceof DraftChangedMeanwhile) return null;
    throw error;
  });
  if (!result) return { ok: false, reason: "noDraft" };
  return { ok: true, releaseId: result.releaseId, changed: result.changes.length };
}

/**
 * The items of a draft as its forms show them, read leniently: an item the
 * validator rejects still opens, with its problems beside the fields.
 */
export function draftContent(files: readonly ContentFile[]) {
  return contents(draftRevision(files), () => rawItems(files));
}

/** The items of a draft, for its overview: what can be edited, in file order. */
export function draftItems(files: readonly ContentFile[]) {
  const items = draftContent(files);
  return {
    clauses: items.clauses.map((c) => ({ id: c.id, heading: c.heading })),
    modules: items.modules.map((m) => ({ slug: m.slug, title: m.title })),
    questions: items.questions.map((q) => ({ id: q.id, moduleSlug: q.moduleSlug, prompt: q.prompt, clause: q.clause })),
    tracks: items.tracks.map((tr) => ({ id: tr.id, name: tr.name })),
  };
}

/** A lesson rendered exactly as the reader renders it, against the draft's clauses. */
export function previewLesson(files: readonly ContentFile[], body: string) {
  const clauses = draftContent(files).clauses;
  return renderLesson(body, new Map(clauses.map((c) => [c.id, { heading: c.heading, text: c.text }])));
}

/**
 * The questions and modules to re-check because the clauses they cite
 * changed in substance in this draft, and the clauses whose heading alone changed.
 */
export async function draftReview(draft: Draft): Promise<Review> {
  const key = `${draft.baseReleaseId}:${draft.revision}:${draft.confirmed.join(",")}`;
  const base = await releaseFiles(draft.baseReleaseId);
  return base
    ? reviews(key, () => reviewQueue(base, draft.files, new Set(draft.confirmed)))
    : { items: [], headings: [] };
}

/** The officer confirms a question or module as still right for its changed clause. */
export async function confirmReview(actor: Actor, kind: ReviewItem["kind"], key: string): Promise<DraftResult> {
  return db.$transaction(async (tx) => {
    const row = await tx.contentDraft.findFirst({ where: { status: "open" }, orderBy: { id: "desc" } });
    if (!row) return { ok: false, reason: "notOpen" } as const;
    const confirmed = Array.isArray(row.confirmed) ? row.confirmed.map(String) : [];
    await tx.contentDraft.update({
      where: { id: row.id },
      data: { confirmed: [...new Set([...confirmed, reviewKey(kind, key)])] },
    });
    // Vouching for an item is part of writing the draft, not of approving it.
    await recordEditor(tx, row.id, actor);
    await recordAudit(tx, actor, {
      action: "content.draft-edit",
      targetType: "draft",
      targetId: row.id,
      detail: { confirmed: reviewKey(kind, key) },
    });
    return { ok: true } as const;
  });
}

class DraftChangedMeanwhile extends Error {}

/** The author of a draft made by an upgrade from the content it ships: no member of staff. */
export const UPGRADE_AUTHOR = 0;

export type ShippedEditionResult =
  | { status: "unchanged"; releaseId: number }
  /** The city had published nothing of its own: the shipped edition is the new release. */
  | { status: "published"; releaseId: number; changes: number }
  /** The city publishes its own content: the shipped edition waits in a draft for review. */
  | { status: "draft"; draftId: number }
  /** A draft of the city's is open: the shipped edition waits until it is published or discarded. */
  | { status: "waiting"; draftId: number }
  /** The city discarded the draft of this very edition: it stays discarded. */
  | { status: "declined"; draftId: number };

/**
 * Brings the content edition shipped in content/ (or CONTENT_DIR) into the
 * database, at every start (db:setup). A city that has never published
 * content of its own — its current release is an edition an upgrade
 * published, or one shipped before releases were so marked — gets the new
 * edition published at once, with an audit entry,
 * shown on the releases page as published by the upgrade. A city that has
 * (in the browser or by content:sync) gets it as a draft, which goes through
 * the city's own review like any other: a shipped edition never replaces the
 * city's edits unseen.
 */
export async function applyShippedEdition(files: readonly ContentFile[]): Promise<ShippedEditionResult> {
  const check = checkContentFiles([...files]);
  if (!check.ok) throw contentProblemsError(check.problems);
  const hash = contentHash(files);
  const latest = await db.contentRelease.findFirst({ orderBy: { id: "desc" } });
  if (latest?.hash === hash) {
    // The latest release is this edition; a release older than kept files gets them now.
    const result = await publishContentFiles(files, "upgrade");
    return { status: "unchanged", releaseId: result.releaseId };
  }
  const snapshot = latest ? await db.contentSnapshot.findUnique({ where: { releaseId: latest.id } }) : null;
  const active = await activeDraft();
  const shipped = snapshot?.source === "upgrade" || EDITIONS_SHIPPED_BEFORE_MARKING.has(latest?.hash ?? "");
  const citysOwn = latest !== null && !shipped;
  if (active && !(citysOwn && active.authorId === UPGRADE_AUTHOR && active.status === "open")) {
    return { status: "waiting", draftId: active.id };
  }
  if (!citysOwn) {
    const published = await publishContentFiles(files, "upgrade", {
      afterSync: async (tx, synced) => {
        await recordAudit(tx, CLI_ACTOR, {
          action: "content.upgrade-publish",
          targetType: "release",
          targetId: synced.releaseId,
          detail: { changes: synced.changes.map((c) => `${c.kind} ${c.key} ${c.change}`) },
        });
      },
    });
    return { status: "published", releaseId: published.releaseId, changes: published.changes.length };
  }
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
  const declined = await db.contentDraft.findMany({
    where: { status: "discarded" },
    orderBy: { id: "desc" },
    select: { id: true, files: true },
  });
  const same = declined.find((d) => contentHash(d.files as ContentFile[]) === hash);
  if (same) return { status: "declined", draftId: same.id };
  return db.$transaction(async (tx) => {
    const draft = active
      ? await tx.contentDraft.update({ where: { id: active.id }, data: { files: sorted, baseReleaseId: latest.id } })
      : await tx.contentDraft.create({ data: { baseReleaseId: latest.id, files: sorted, authorId: UPGRADE_AUTHOR } });
    await recordAudit(tx, CLI_ACTOR, {
      action: "content.upgrade-draft",
      targetType: "draft",
      targetId: draft.id,
      detail: { base: latest.id },
    });
    return { status: "draft" as const, draftId: draft.id };
  });
}
