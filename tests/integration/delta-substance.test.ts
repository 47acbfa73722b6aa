import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { checkContentFiles, contentHash, readContentFiles, syncContent } from "~/services/content.server.ts";
import { changedModules, listReleaseChanges } from "~/services/delta.server.ts";

/**
 * A release that renames the city, gives one clause a new heading and
 * rewords another: only the rewording is a change of substance,
 * so 差分再研修 holds exactly the modules citing it, and 変わった条項 lists
 * exactly it.
 */
describe("a release's changes of substance", () => {
  it("retrains on the reworded clause only, not on a heading or the city's name", async () => {
    const shipped = readContentFiles("content");
    const files = shipped.map((f) => {
      if (f.path !== "policy/basic-policy.yaml") return f;
      const text = f.text
        .split("秦野市")
        .join("綾瀬川市")
        .replace("heading: 意図的な要因", "heading: 意図的な脅威")
        .replace(
          "幹部職員が率先して推進、管理する体制を確立する。",
          "幹部職員が率先して推進し、管理する体制を確立する。",
        );
      return { ...f, text };
    });
    // Clause 6(3)ア re-typed: full-width digits where the release has half-width ones.
    const check = checkContentFiles(files);
    if (!check.ok) throw new Error(`edited content must stay valid: ${JSON.stringify(check.problems[0])}`);
    const release = await syncContent(check.bundle, contentHash(files), { files, source: "files", force: true });

    const clauseChanges = release.changes.filter((c) => c.kind === "clause").map((c) => `${c.key} ${c.change}`);
    expect(clauseChanges).toEqual(expect.arrayContaining(["1 renamed", "5 changed", "6(2)ア heading"]));
    expect(clauseChanges.filter((c) => c.endsWith(" changed"))).toEqual(["5 changed"]);

    const citing5 = check.bundle.modules.filter((m) => m.clauses.includes("5")).map((m) => m.slug);
    const delta = await changedModules(release.releaseId);
    expect(delta.map((m) => m.slug)).toEqual(citing5);
    expect(delta.every((m) => m.clauseIds.length === 1 && m.clauseIds[0] === "5")).toBe(true);

    const listed = (await listReleaseChanges()).find((r) => r.id === release.releaseId)!;
    expect(listed.changedClauses).toEqual(["5"]);
    expect(
      await db.contentChange.count({ where: { releaseId: release.releaseId, kind: "clause", change: "changed" } }),
    ).toBe(1);
  });
});
