import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { loader as moduleLoader } from "~/routes/learn.$assignmentId.modules.$slug.tsx";
import { assignTrack, createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

describe("a lesson page", () => {
  it("shows a module body's hostile HTML to learners only as what the allow-list keeps", async () => {
    const hostile = [
      "## 本日の連絡",
      "",
      "<script>alert(1)</script>",
      '<img src="x" onerror="alert(1)">',
      '<meta http-equiv="refresh" content="30;url=https://evil.example/">',
      '<form action="/login" method="post"><input type="password" name="password"><button>送信</button></form>',
      '<div style="position:fixed;inset:0;z-index:9999" class="overlay">再ログインしてください</div>',
      "",
      "[公式](//evil.example/login) と [別](/\\evil.example) と [規程](/learn)",
    ].join("\n");
    await db.trainingModule.update({ where: { slug: "purpose" }, data: { body: hostile } });
    const person = await createStaff();
    const assignment = await assignTrack(person.id, "onboarding");
    const response = await call(moduleLoader, await requestAs(person, `/learn/${assignment.id}/modules/purpose`), {
      assignmentId: String(assignment.id),
      slug: "purpose",
    });
    expect(response.status).toBe(200);
    const { html } = (await response.json()) as { html: string };
    expect(html).toContain("<h2>本日の連絡</h2>");
    expect(html).toContain("再ログインしてください");
    expect(html).toContain('<a href="/learn">規程</a>');
    expect(html).not.toMatch(/<script|<img|onerror|<meta|refresh|<form|<input|<button|style=|class=|<div/i);
    expect(html).not.toMatch(/href="\/\/|href="\/\\|evil\.example/);
  });
});
