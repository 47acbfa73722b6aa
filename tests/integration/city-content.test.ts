import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { action as cityAction } from "~/routes/admin.city.tsx";
import { action as contentAction } from "~/routes/admin.content._index.tsx";
import { action as clauseAction } from "~/routes/admin.content.clauses.$clauseId.tsx";
import { action as questionAction, loader as questionLoader } from "~/routes/admin.content.questions.$questionId.tsx";
import { loader as releasesLoader } from "~/routes/admin.content.releases.tsx";
import { loader as exportLoader } from "~/routes/admin.content.export.ts";
import { getCity } from "~/services/city.server.ts";
import { pledgeWording } from "~/services/pledge.server.ts";
import { getQuestion } from "~/services/catalogue.server.ts";
import {
  BrowserEditsSinceFileSync,
  checkContentFiles,
  readContentFiles,
  syncContentDirectory,
} from "~/services/content.server.ts";
import { activeDraft } from "~/services/content-draft.server.ts";
import { changedModules } from "~/services/delta.server.ts";
import { createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";
import { run, runTsx } from "./cli.ts";

let author: { id: number };
let approver: { id: number };

beforeAll(async () => {
  author = await createStaff({ role: "ADMIN" });
  approver = await createStaff({ role: "ADMIN" });
});

/** The revision the content page shows, as its publish form sends it. */
const shownRevision = async () => (await activeDraft())?.revision ?? "";

const post = async (fn: unknown, who: { id: number }, path: string, form: Record<string, string>, params = {}) =>
  call(fn as never, await requestAs(who, path, { form }), params);

describe("city settings", () => {
  it("are seeded from content/city.yaml on first setup", async () => {
    const city = await getCity();
    expect(city.cityName).toBe("秦野市");
    expect(city.organisations).toHaveLength(9);
    expect(await db.organisation.count()).toBe(9);
  });

  it("are edited by ADMIN, audited, and name the city on the pledge", async () => {
    const before = await getCity();
    const form = {
      cityName: "綾瀬川市",
      policyTitle: "綾瀬川市情報セキュリティポリシー（基本方針）",
      organisations: `${before.organisations.map((o) => `${o.id} ${o.name}`).join("\n")}\nhospital 市立病院`,
      issuerLine: "綾瀬川市 情報セキュリティ責任者",
      pledgeWording: "私は綾瀬川市情報セキュリティポリシーを遵守することを誓約します。",
      reportAddress: "report@city.ayasegawa.lg.jp",
      requireApproval: "on",
    };
    const response = await post(cityAction, author, "/admin/city", form);
    expect(response.status).toBe(200);
    expect((await getCity()).cityName).toBe("綾瀬川市");
    expect((await pledgeWording()).statement).toContain("綾瀬川市");
    expect(await db.organisation.findUnique({ where: { id: "hospital" } })).toMatchObject({
      name: "市立病院",
      sortOrder: 9,
    });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "city.update" }, orderBy: { id: "desc" } });
    expect(audit.actorId).toBe(author.id);
    expect(Object.keys(audit.detail as object).sort()).toEqual(
      ["cityName", "issuerLine", "organisations", "pledgeWording", "policyTitle", "reportAddress"].sort(),
    );
  });

  it("refuses a bad address or an organisation that still has staff, writing nothing", async () => {
    const before = await getCity();
    const base = {
      ...before,
      organisations: before.organisations.map((o) => `${o.id} ${o.name}`).join("\n"),
      requireApproval: "on",
    };
    const bad = await post(cityAction, author, "/admin/city", {
      ...base,
      cityName: "x",
      reportAddress: "not-an-address",
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Record<string, string> }).errors).toEqual({
      reportAddress: "報告先のメールアドレスを正しく入力してください。",
    });
    // author belongs to an organisation (factories): removing it is refused.
    const staffed = await db.staff.findUniqueOrThrow({ where: { id: author.id } });
    const without = before.organisations.filter((o) => o.id !== staffed.organisationId);
    const refused = await post(cityAction, author, "/admin/city", {
      ...base,
      cityName: "変更されない市",
      organisations: without.map((o) => `${o.id} ${o.name}`).join("\n"),
    });
    expect(refused.status).toBe(409);
    expect(await getCity()).toEqual(before);
    expect(await db.organisation.count()).toBe(before.organisations.length);
  });
});

describe("no city is named in the application's code", () => {
  it("has neither 秦野 nor the seeded city's name under app/", () => {
    const seeded = /^cityName: (.+)$/m.exec(readFileSync("content/city.yaml", "utf8"))![1]!.trim();
    const grep = (word: string) => {
      try {
        return execFileSync("grep", ["-rl", "--exclude-dir=generated", word, "app"], { encoding: "utf8" });
      } catch {
        return ""; // grep exits 1 when nothing matches
      }
    };
    expect(seeded.length).toBeGreaterThan(0);
    expect(grep("秦野")).toBe("");
    expect(grep(seeded)).toBe("");
  });
});

describe("content edited in the browser", () => {
  it("collects edits in a draft, shows problems in Japanese by field, and needs a second ADMIN", async () => {
    expect((await post(contentAction, author, "/admin/content", { intent: "start" })).status).toBe(200);
    const path = "/admin/content/questions/threats-01";
    const params = { questionId: "threats-01" };
    const loaded = (await (await call(questionLoader as never, await requestAs(author, path), params)).json()) as {
      question: {
        prompt: string;
        choices: { id: string; text: string }[];
        answer: string[];
        clause: string;
        type: string;
      };
    };
    const q = loaded.question;
    const form = {
      type: q.type,
      prompt: q.prompt,
      choices: q.choices.map((c) => `${c.id} ${c.text}`).join("\n"),
      answer: q.answer.join(" "),
      clause: q.clause,
    };
    // An empty explanation: the validator's problem comes back beside the field, in Japanese.
    const empty = await post(questionAction, author, path, { ...form, explanation: "", intent: "save" }, params);
    const emptyBody = (await empty.json()) as { problems: { target: { field?: string }; message: string }[] };
    expect(emptyBody.problems).toEqual([
      expect.objectContaining({
        target: { kind: "question", key: "threats-01", field: "explanation" },
        message: "解説を入力してください。",
      }),
    ]);
    // The officer can still open the rejected question and fix it.
    expect((await call(questionLoader as never, await requestAs(author, path), params)).status).toBe(200);
    const fixed = await post(
      questionAction,
      author,
      path,
      { ...form, explanation: "新しい解説です。", intent: "save" },
      params,
    );
    expect(((await fixed.json()) as { problems: unknown[] }).problems).toEqual([]);

    // A changed clause.
    const clause = await db.clause.findUniqueOrThrow({ where: { id: "6(2)ア" } });
    const clauseResponse = await post(
      clauseAction,
      author,
      "/admin/content/clauses/6(2)ア",
      { heading: clause.heading, text: `${clause.text}（改定）` },
      { clauseId: "6(2)ア" },
    );
    expect(clauseResponse.status).toBe(200);

    // Four eyes: nothing publishes before submission, and never by its author.
    expect(
      (await post(contentAction, approver, "/admin/content", { intent: "publish", revision: await shownRevision() }))
        .status,
    ).toBe(409);
    expect((await post(contentAction, author, "/admin/content", { intent: "submit" })).status).toBe(200);
    const releasesBefore = await db.contentRelease.count();
    const own = await post(contentAction, author, "/admin/content", {
      intent: "publish",
      revision: await shownRevision(),
    });
    expect(own.status).toBe(409);
    expect(((await own.json()) as { message: string }).message).toContain("自分が作成・編集した下書きは承認できません");
    expect(await db.contentRelease.count()).toBe(releasesBefore);

    const published = await post(contentAction, approver, "/admin/content", {
      intent: "publish",
      revision: await shownRevision(),
    });
    expect(published.status).toBe(200);
    const release = await db.contentRelease.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(release.id).toBe(releasesBefore + 1);
    const changes = await db.contentChange.findMany({ where: { releaseId: release.id }, orderBy: { key: "asc" } });
    expect(changes.map((c) => `${c.kind} ${c.key} ${c.change}`)).toEqual([
      "clause 6(2)ア changed",
      "question threats-01 changed",
    ]);
    expect((await getQuestion("threats-01"))?.explanation).toBe("新しい解説です。");
    // Delta retraining offers the modules citing the changed clause.
    const modules = await changedModules(release.id);
    const citing = await db.trainingModule.findMany({ where: { retired: false } });
    const expected = citing
      .filter((m) => (m.clauseIds as string[]).includes("6(2)ア"))
      .map((m) => m.slug)
      .concat("threats");
    expect(modules.map((m) => m.slug).sort()).toEqual([...new Set(expected)].sort());
    const draft = await db.contentDraft.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(draft).toMatchObject({
      status: "published",
      authorId: author.id,
      approvedById: approver.id,
      publishedReleaseId: release.id,
    });

    // The release history shows the clause's old and new text and the changed question.
    const diff = (await (
      await call(releasesLoader as never, await requestAs(author, "/admin/content/releases"))
    ).json()) as {
      diff: { clauses: { id: string; before: string; after: string }[]; questions: { id: string; fields: string[] }[] };
    };
    expect(diff.diff.clauses).toEqual([
      expect.objectContaining({ id: "6(2)ア", before: clause.text, after: `${clause.text}（改定）` }),
    ]);
    expect(diff.diff.questions).toEqual([expect.objectContaining({ id: "threats-01", fields: ["explanation"] })]);
  });

  it("exports the current release as a content/ folder that content:check accepts and content:sync leaves unchanged", async () => {
    const response = await call(exportLoader as never, await requestAs(author, "/admin/content/export"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/x-tar");
    const dir = mkdtempSync(join(tmpdir(), "mamori-export-"));
    writeFileSync(join(dir, "export.tar"), Buffer.from(await response.arrayBuffer()));
    expect((await run("tar", ["-xf", "export.tar"], { cwd: dir })).status).toBe(0);
    const folder = join(dir, "content");
    const { stdout: output } = await runTsx("app/cli/content-check.ts", [], { ...process.env, CONTENT_DIR: folder });
    expect(output).toMatch(/^\d+ modules, \d+ questions/);
    expect(readContentFiles(folder).find((f) => f.path === "quizzes/threats.yaml")?.text).toContain("新しい解説です。");
    const releases = await db.contentRelease.count();
    const result = await syncContentDirectory(folder);
    expect(result.status).toBe("unchanged");
    expect(await db.contentRelease.count()).toBe(releases);
  });

  it("content:sync refuses to overwrite browser edits unless forced, and names them", async () => {
    const error = await syncContentDirectory("content").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserEditsSinceFileSync);
    expect((error as Error).message).toContain("clause 6(2)ア changed");
    expect((error as Error).message).toContain("question threats-01 changed");
    const forced = await syncContentDirectory("content", { force: true });
    expect(forced.status).toBe("created");
    expect((await getQuestion("threats-01"))?.explanation).not.toBe("新しい解説です。");
    // Once files are synced again, a plain sync works.
    expect((await syncContentDirectory("content")).status).toBe("unchanged");
    expect(checkContentFiles(readContentFiles("content")).ok).toBe(true);
  });
});
