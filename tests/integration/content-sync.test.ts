import { describe, expect, it, vi } from "vitest";
import { db } from "~/lib/db.server.ts";
import type { ContentFile } from "~/domain/content/types.ts";
import { currentRelease, getLesson, getTrack, listTracks } from "~/services/catalogue.server.ts";
import { checkContentFiles, contentHash, readContentFiles, syncContent } from "~/services/content.server.ts";
import { loader as policyLoader } from "~/routes/policy.tsx";
import { createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

// The template database was synced from content/ by db:setup (release 1).
const original = readContentFiles("content");

async function sync(files: ContentFile[]) {
  const check = checkContentFiles(files);
  if (!check.ok) throw new Error(check.problems.map((p) => p.message).join("\n"));
  return syncContent(check.bundle, contentHash(files));
}

function edit(path: string, change: (text: string) => string): ContentFile[] {
  return original.map((file) => (file.path === path ? { ...file, text: change(file.text) } : file));
}

async function counts() {
  return {
    releases: await db.contentRelease.count(),
    clauses: await db.clause.count(),
    modules: await db.trainingModule.count(),
    questions: await db.question.count(),
    tracks: await db.track.count(),
  };
}

describe("content sync", () => {
  it("creates a release with every item on an empty database", async () => {
    await db.$transaction([
      db.contentChange.deleteMany(),
      db.contentRelease.deleteMany(),
      db.question.deleteMany(),
      db.trainingModule.deleteMany(),
      db.clause.deleteMany(),
      db.track.deleteMany(),
    ]);
    const result = await sync(original);
    expect(result.status).toBe("created");
    const check = checkContentFiles(original);
    if (!check.ok) throw new Error("content/ must be valid");
    expect(await counts()).toEqual({
      releases: 1,
      clauses: check.bundle.policy.clauses.length,
      modules: check.bundle.modules.length,
      questions: check.bundle.questions.length,
      tracks: check.bundle.tracks.length,
    });
    const release = await db.contentRelease.findFirstOrThrow();
    // The policy text carries no date and none is configured: no 改定日.
    expect(release).toMatchObject({ hash: contentHash(original), policyRevised: null });
  });

  it("changes nothing when run again on the same content", async () => {
    const before = await counts();
    const latest = await db.contentRelease.findFirstOrThrow({ orderBy: { id: "desc" } });
    const result = await sync(original);
    expect(result).toMatchObject({ status: "unchanged", releaseId: latest.id, changes: [] });
    expect(await counts()).toEqual(before);
  });

  it("records an edited question as the only change, with its clause", async () => {
    const before = await db.contentRelease.findFirstOrThrow({ orderBy: { id: "desc" } });
    const edited = edit("quizzes/threats.yaml", (text) => text.replace("保育課のCさんは", "こども保育課のCさんは"));
    const result = await sync(edited);
    expect(result.status).toBe("created");
    expect(result.releaseId).toBeGreaterThan(before.id);
    expect(result.changes).toEqual([{ kind: "question", key: "threats-01", change: "changed", clauseIds: ["6(2)イ"] }]);
    expect(result.changedClauses).toEqual(["6(2)イ"]);

    const question = await db.question.findUniqueOrThrow({ where: { id: "threats-01" } });
    expect(question.prompt).toContain("こども保育課");
    expect(question.releaseId).toBe(result.releaseId);
    // Every other question keeps the release it was last changed in.
    expect(await db.question.count({ where: { releaseId: result.releaseId } })).toBe(1);
    const stored = await db.contentChange.findMany({ where: { releaseId: result.releaseId } });
    expect(stored).toHaveLength(1);
  });

  it("retires a removed question instead of deleting it, and brings it back when restored", async () => {
    await sync(original);
    const withoutQuestion = edit("quizzes/purpose.yaml", (text) => text.replace(/ {2}- id: purpose-10[\s\S]*$/, ""));
    const removed = await sync(withoutQuestion);
    expect(removed.changes).toEqual([
      { kind: "question", key: "purpose-10", change: "removed", clauseIds: [expect.any(String)] },
    ]);
    expect(await db.question.findUniqueOrThrow({ where: { id: "purpose-10" } })).toMatchObject({ retired: true });

    const restored = await sync(original);
    expect(restored.changes.map((c) => [c.key, c.change])).toEqual(expect.arrayContaining([["purpose-10", "changed"]]));
    expect(await db.question.findUniqueOrThrow({ where: { id: "purpose-10" } })).toMatchObject({ retired: false });
  });

  it("marks a changed clause text and the modules that cite it", async () => {
    await sync(original);
    const edited = edit("policy/basic-policy.yaml", (text) =>
      text.replace("適宜ポリシーの見直しを実施する。", "適宜ポリシーの見直しを実施するものとする。"),
    );
    const withModule = edited.map((file) =>
      file.path === "modules/audit-review.md" ? { ...file, text: `${file.text}\n追記です。\n` } : file,
    );
    const result = await sync(withModule);
    expect(result.changes).toContainEqual({ kind: "clause", key: "9", change: "changed", clauseIds: ["9"] });
    expect(result.changes).toContainEqual(
      expect.objectContaining({ kind: "module", key: "audit-review", change: "changed" }),
    );
    expect(result.changedClauses).toContain("9");
    expect(result.changedClauses).toContain("8");
  });

  it("records exactly the clauses and modules an edition changes: headings, editorial marks, lessons, new modules", async () => {
    await sync(original);
    const policyEdited = edit("policy/basic-policy.yaml", (text) =>
      text
        // A heading corrected, and a heading no longer marked editorial: clause changes without a word of policy text.
        .replace("heading: 非意図的要因", "heading: 非意図的な要因")
        .replace("    heading: 個人番号利用事務系\n    editorial: true\n", "    heading: 個人番号利用事務系\n"),
    );
    const lessonEdited = policyEdited.map((file) =>
      file.path === "modules/mail-drills.md"
        ? { ...file, text: file.text.replace("## まとめ", "## ふりかえり") }
        : file,
    );
    // A module of its own with its bank: added, with every question.
    const bank = original.find((f) => f.path === "quizzes/mail-drills.yaml")!;
    const lesson = original.find((f) => f.path === "modules/mail-drills.md")!;
    const added = [
      ...lessonEdited,
      { path: "modules/mail-drills-2.md", text: lesson.text.replace("slug: mail-drills", "slug: mail-drills-2") },
      {
        path: "quizzes/mail-drills-2.yaml",
        text: bank.text
          .replace("module: mail-drills", "module: mail-drills-2")
          .replace(/mail-drills-(\d\d)/g, "mail-drills-2-$1"),
      },
    ];
    const result = await sync(added);
    const questions = (
      checkContentFiles(added) as { ok: true; bundle: { questions: { id: string; moduleSlug: string }[] } }
    ).bundle.questions.filter((q) => q.moduleSlug === "mail-drills-2");
    expect(result.changes.filter((c) => c.kind !== "question")).toEqual([
      // Recorded as changes of heading: nothing to retrain on (delta.server.ts).
      { kind: "clause", key: "6(2)イ", change: "heading", clauseIds: ["6(2)イ"] },
      { kind: "clause", key: "6(3)ア", change: "heading", clauseIds: ["6(3)ア"] },
      // Modules in file order: mail-drills-2.md sorts before mail-drills.md.
      { kind: "module", key: "mail-drills-2", change: "added", clauseIds: ["6(4)イ", "6(2)ア", "4", "7(2)"] },
      { kind: "module", key: "mail-drills", change: "changed", clauseIds: ["6(4)イ", "6(2)ア", "4", "7(2)"] },
    ]);
    expect(result.changes.filter((c) => c.kind === "question").map((c) => [c.key, c.change])).toEqual(
      questions.map((q) => [q.id, "added"]),
    );
    const clause = await db.clause.findUniqueOrThrow({ where: { id: "6(3)ア" } });
    expect(clause).toMatchObject({ editorial: false, releaseId: result.releaseId });
    expect(await db.clause.findUniqueOrThrow({ where: { id: "6(3)イ" } })).toMatchObject({ editorial: true });
    await sync(original);
  });

  it("records a 改定日 the city sets, as a release of its own that changes no clause", async () => {
    await sync(original);
    const dated = edit("policy/basic-policy.yaml", (text) =>
      text.replace("\nclauses:\n", "\nrevised: 2027-04-01\nclauses:\n"),
    );
    const result = await sync(dated);
    expect(result).toMatchObject({ status: "created", changes: [] });
    expect(await db.contentRelease.findUniqueOrThrow({ where: { id: result.releaseId } })).toMatchObject({
      policyRevised: "2027-04-01",
    });
    expect((await currentRelease()).policyRevised).toBe("2027-04-01");
    const undated = await sync(original);
    expect((await db.contentRelease.findUniqueOrThrow({ where: { id: undated.releaseId } })).policyRevised).toBeNull();
  });

  it("gives the policy page no 改定日 unless one is set, and its editorial headings", async () => {
    await sync(original);
    const person = await createStaff();
    const page = async () => (await call(policyLoader, await requestAs(person, "/policy"))).json();
    const undated = await page();
    expect(undated.revised).toBeNull();
    expect(undated.clauses.filter((c: { editorial: boolean }) => c.editorial).map((c: { id: string }) => c.id)).toEqual(
      ["6(2)ア", "6(2)イ", "6(2)ウ", "6(2)エ", "6(2)オ", "6(3)ア", "6(3)イ", "6(3)ウ"],
    );
    expect(undated.clauses.find((c: { id: string }) => c.id === "6(2)イ").heading).toBe("非意図的要因");
    await sync(
      edit("policy/basic-policy.yaml", (text) => text.replace("\nclauses:\n", "\nrevised: 2027-04-01\nclauses:\n")),
    );
    expect((await page()).revised).toBe("2027-04-01");
    await sync(original);
  });

  it("serves the new release's tracks at once after a sync in this process", async () => {
    expect((await getTrack("onboarding"))?.name).toBe("新任者研修");
    const renamed = edit("tracks.yaml", (text) => text.replace("name: 新任者研修", "name: 新規採用者研修"));
    const result = await sync(renamed);
    expect((await currentRelease()).id).toBe(result.releaseId);
    expect((await getTrack("onboarding"))?.name).toBe("新規採用者研修");
    expect((await listTracks()).find((t) => t.id === "onboarding")?.name).toBe("新規採用者研修");
    await sync(original);
  });

  it("renders a lesson again once its module changed", async () => {
    expect((await getLesson("audit-review"))?.html).toContain("<h2>監査と自己点検</h2>");
    await sync(edit("modules/audit-review.md", (text) => text.replace("## 監査と自己点検", "## 監査と自己点検の目的")));
    const lesson = await getLesson("audit-review");
    expect(lesson?.html).toContain("<h2>監査と自己点検の目的</h2>");
    expect(lesson?.cited[0]).toMatchObject({ id: "8", popoverId: "clause-1" });
    await sync(original);
  });

  it("sees a release made by another process within a second", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const before = await currentRelease();
      // As content:sync run in another process would leave it.
      const other = await db.contentRelease.create({
        data: { hash: "other-process", policyRevised: before.policyRevised },
      });
      expect((await currentRelease()).id).toBe(before.id);
      vi.advanceTimersByTime(1_000);
      expect((await currentRelease()).id).toBe(other.id);
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses invalid content before touching the database", async () => {
    const before = await counts();
    const broken = edit("tracks.yaml", (text) => text.replace("- manager-role", "- no-such-module"));
    expect(checkContentFiles(broken).ok).toBe(false);
    await expect(sync(broken)).rejects.toThrow(/no-such-module/);
    expect(await counts()).toEqual(before);
  });
});
