import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { action as cityAction } from "~/routes/admin.city.tsx";
import { action as contentAction, loader as contentLoader } from "~/routes/admin.content._index.tsx";
import { MAX_POLICY_SOURCE_CHARS } from "~/domain/content/split-policy.ts";
import { action as policyAction } from "~/routes/admin.content.policy.tsx";
import { action as questionAction, loader as questionLoader } from "~/routes/admin.content.questions.$questionId.tsx";
import { loader as policyPageLoader } from "~/routes/policy.tsx";
import { getCertificate } from "~/services/certificate.server.ts";
import { checkContentFiles, readContentFiles } from "~/services/content.server.ts";
import { pledgeWording } from "~/services/pledge.server.ts";
import { createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

type Clause = { id: string; heading: string; text: string; editorial?: boolean };

const KANA = /[ア-ン]$/;

/**
 * The test city's basic policy, written as a city publishes it (numbered
 * headings, indented paragraphs, full-width numbers), from the shipped
 * policy with four differences: the city's name, its organisations in
 * 3(1), the definition 2(3) reworded, and the last clause numbered 10
 * instead of 9. Like a real policy, it gives no heading where Mamori's
 * clause tree added one (編集注): those items start with their text.
 */
function testCityPolicy(): { text: string; renumbered: string; reworded: string[]; editorial: number } {
  const { clauses } = parse(readFileSync("content/policy/basic-policy.yaml", "utf8")) as { clauses: Clause[] };
  const last = clauses[clauses.length - 1]!.id;
  const lines: string[] = [];
  for (const clause of clauses) {
    let text = clause.text.split("秦野市").join("綾瀬川市");
    if (clause.id === "3(1)") {
      text = "ポリシーが対象とする組織は、市長部局、水道局、議会事務局、教育委員会事務局及び消防本部とする。";
    }
    if (clause.id === "2(3)")
      text = "情報が権限なく破壊され、改ざんされ、又は消去されていない状態を確保することをいう。";
    const id = clause.id === last ? String(Number(last) + 1) : clause.id;
    const number = /^\d+$/.test(id)
      ? id.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))
      : KANA.test(id)
        ? id.slice(-1)
        : id.slice(id.lastIndexOf("("));
    const paragraphs = text.split(/\n\n+/).filter(Boolean);
    if (clause.editorial) lines.push(`${number} ${paragraphs.shift()}`, "");
    else lines.push(`${number} ${clause.heading}`.trimEnd(), "");
    for (const paragraph of paragraphs) lines.push(`  ${paragraph}`, "");
  }
  const editorial = clauses.filter((c) => c.editorial).length;
  return { text: lines.join("\n"), renumbered: last, reworded: ["2(3)", "3(1)"], editorial };
}

let author: { id: number };
let learner: { id: number };

beforeAll(async () => {
  author = await createStaff({ role: "ADMIN" });
  learner = await createStaff({ organisationId: "fire" });
});

const post = async (fn: unknown, path: string, form: Record<string, string>, params = {}) =>
  call(fn as never, await requestAs(author, path, { form }), params);

describe("a new city adopts Mamori with its own policy", () => {
  const city = testCityPolicy();

  it("takes the city's settings, then splits its policy text into the clause tree for the officer", async () => {
    const settings = await post(cityAction, "/admin/city", {
      cityName: "綾瀬川市",
      policyTitle: "綾瀬川市情報セキュリティポリシー（基本方針）",
      organisations:
        "mayor 市長部局\nwaterworks 水道局\ncouncil 議会事務局\neducation-board 教育委員会事務局\nfire 消防本部",
      issuerLine: "綾瀬川市長",
      pledgeWording: "私は、綾瀬川市情報セキュリティポリシーを遵守することを誓約します。",
      reportAddress: "cyber@city.ayasegawa.lg.jp",
      requireApproval: "on",
    });
    expect(settings.status).toBe(200);
    expect((await db.organisation.findMany({ orderBy: { sortOrder: "asc" } })).map((o) => o.name)).toEqual([
      "市長部局",
      "水道局",
      "議会事務局",
      "教育委員会事務局",
      "消防本部",
    ]);

    expect((await post(contentAction, "/admin/content", { intent: "start" })).status).toBe(200);
    const proposed = await post(policyAction, "/admin/content/policy", { intent: "split", source: city.text });
    expect(proposed.status).toBe(200);
    const { sheet, kept } = (await proposed.json()) as { sheet: string; kept: { id: string; heading: string }[] };
    expect(sheet).toContain("## 10 ");
    // The headings the pasted text does not give are kept, and the officer is told which.
    expect(kept).toContainEqual({ id: "6(2)ア", heading: "意図的な要因" });
    expect(kept.length).toBe(city.editorial);
    expect(sheet).not.toMatch(new RegExp(`^## ${city.renumbered} `, "m"));
    expect(sheet).toContain("## 2(3) 完全性\n情報が権限なく破壊され");

    const applied = await post(policyAction, "/admin/content/policy", {
      intent: "apply",
      sheet,
      title: "綾瀬川市情報セキュリティポリシー（基本方針）",
      revised: "2027-04-01",
    });
    expect(applied.status).toBe(302);
    const draft = (await db.contentDraft.findFirstOrThrow({ where: { status: "open" } })).files as {
      path: string;
      text: string;
    }[];
    const policy = parse(draft.find((f) => f.path === "policy/basic-policy.yaml")!.text) as { clauses: Clause[] };
    expect(policy.clauses.find((c) => c.id === "6(2)ア")).toMatchObject({ heading: "意図的な要因", editorial: true });
  });

  it("refuses a policy text over the size cap with a message on the field, and splits one at the cap quickly", async () => {
    const over = await post(policyAction, "/admin/content/policy", {
      intent: "split",
      source: `1 目的\n${"あ".repeat(MAX_POLICY_SOURCE_CHARS)}`,
    });
    expect(over.status).toBe(400);
    const refused = (await over.json()) as { message: string; errors: Record<string, string> };
    expect(refused.errors.source).toBe(refused.message);
    expect(refused.message).toContain("文字以内");

    const started = performance.now();
    const atCap = await post(policyAction, "/admin/content/policy", {
      intent: "split",
      source: `1 目的\n${"x\n".repeat(MAX_POLICY_SOURCE_CHARS / 2 - 5)}`,
    });
    expect(atCap.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("lists for review exactly the questions citing the renumbered and reworded clauses, or naming the old city", async () => {
    const check = checkContentFiles(readContentFiles("content"));
    if (!check.ok) throw new Error("content/ must be valid");
    const { questions } = check.bundle;
    const cited = [city.renumbered, ...city.reworded];
    // Clauses whose only change is the city's name (clause 1) or a heading the paste did not give are not listed.
    const namesOldCity = (q: (typeof questions)[number]) =>
      JSON.stringify([q.prompt, q.choices, q.explanation]).includes("秦野市");
    const expected = questions
      .filter((q) => cited.includes(q.clause) || namesOldCity(q))
      .map((q) => q.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);

    const page = (await (await call(contentLoader as never, await requestAs(author, "/admin/content"))).json()) as {
      review: { kind: string; key: string; clauses: { id: string; reason: string; movedTo?: string }[] }[];
    };
    const reviewed = page.review.filter((item) => item.kind === "question");
    expect(reviewed.map((item) => item.key).sort()).toEqual(expected);
    expect(reviewed.filter((item) => item.clauses.some((c) => c.reason === "oldName")).length).toBeGreaterThan(0);
    // A module that names the old city is listed too, whatever it cites.
    const modules = check.bundle.modules.filter((m) => m.body.includes("秦野市")).map((m) => m.slug);
    const listedModules = page.review.filter((item) => item.kind === "module").map((item) => item.key);
    expect(listedModules).toEqual(expect.arrayContaining(modules));
    // The renumbered clause is recognised by its unchanged text.
    const renumbered = reviewed.find((item) => item.clauses[0]!.id === city.renumbered)!;
    expect(renumbered.clauses[0]).toEqual({ id: city.renumbered, reason: "removed", movedTo: "10" });

    // Each question shows its status until the officer confirms or edits it.
    const first = expected[0]!;
    const path = `/admin/content/questions/${first}`;
    const before = (await (
      await call(questionLoader as never, await requestAs(author, path), { questionId: first })
    ).json()) as {
      review: unknown[] | null;
    };
    expect(before.review).not.toBeNull();
    expect((await post(questionAction, path, { intent: "confirm" }, { questionId: first })).status).toBe(200);
    const after = (await (
      await call(questionLoader as never, await requestAs(author, path), { questionId: first })
    ).json()) as {
      review: unknown[] | null;
    };
    expect(after.review).toBeNull();
    const again = (await (await call(contentLoader as never, await requestAs(author, "/admin/content"))).json()) as {
      review: { kind: string; key: string }[];
    };
    expect(
      again.review
        .filter((item) => item.kind === "question")
        .map((item) => item.key)
        .sort(),
    ).toEqual(expected.filter((id) => id !== first));
  });

  it("names the new city on the policy page, the pledge and the certificate", async () => {
    const policy = (await (await call(policyPageLoader as never, await requestAs(learner, "/policy"))).json()) as {
      title: string;
    };
    expect(policy.title).toBe("綾瀬川市情報セキュリティポリシー（基本方針）");
    expect((await pledgeWording()).statement).toBe(
      "私は、綾瀬川市情報セキュリティポリシーを遵守することを誓約します。",
    );
    const assignment = await db.assignment.create({
      data: {
        staffId: learner.id,
        trackId: "onboarding",
        cycleKey: "once",
        fiscalYear: 2026,
        dueDate: "2026-12-31",
        completedAt: new Date(),
        completedReleaseId: 1,
        certificateCode: "AYAS-EGAW-A1",
      },
    });
    const certificate = await getCertificate(learner.id, assignment.id);
    expect(certificate).toMatchObject({
      policyTitle: "綾瀬川市情報セキュリティポリシー（基本方針）",
      issuer: "綾瀬川市長",
    });
  });
});
