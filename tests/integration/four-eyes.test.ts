import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { t } from "~/lib/i18n.ts";
import { action as cityAction, loader as cityLoader } from "~/routes/admin.city.tsx";
import { action as contentAction, loader as contentLoader } from "~/routes/admin.content._index.tsx";
import { action as clauseAction } from "~/routes/admin.content.clauses.$clauseId.tsx";
import { getCity } from "~/services/city.server.ts";
import { createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

type Person = { id: number };
let starter: Person;
let editor: Person;
let reviewer: Person;

beforeAll(async () => {
  starter = await createStaff({ role: "ADMIN", name: "開始 一郎" });
  editor = await createStaff({ role: "ADMIN", name: "編集 二郎" });
  reviewer = await createStaff({ role: "ADMIN", name: "確認 三郎" });
});

const content = async (who: Person, form: Record<string, string>) =>
  call(contentAction as never, await requestAs(who, "/admin/content", { form }));

/** The content page as `who` sees it: the draft's revision and whether they may approve it. */
async function contentPage(who: Person) {
  const response = await call(contentLoader as never, await requestAs(who, "/admin/content"));
  return ((await response.json()) as { draft: { revision: string; isEditor: boolean; status: string } | null }).draft!;
}

async function editClause(who: Person, text: string) {
  const clause = await db.clause.findUniqueOrThrow({ where: { id: "6(2)イ" } });
  const response = await call(
    clauseAction as never,
    await requestAs(who, "/admin/content/clauses/6(2)イ", { form: { heading: clause.heading, text } }),
    { clauseId: "6(2)イ" },
  );
  expect(response.status).toBe(200);
}

async function message(response: Response) {
  return ((await response.json()) as { message: string }).message;
}

describe("four eyes on content publishing", () => {
  it("refuses approval by anyone who changed the draft, not only by the ADMIN who started it", async () => {
    const releases = await db.contentRelease.count();
    expect((await content(starter, { intent: "start" })).status).toBe(200);
    await editClause(editor, "編集者が書き換えた本文。");
    expect((await content(editor, { intent: "submit" })).status).toBe(200);

    const editorsView = await contentPage(editor);
    expect(editorsView.isEditor).toBe(true);
    const byEditor = await content(editor, { intent: "publish", revision: editorsView.revision });
    expect(byEditor.status).toBe(409);
    expect(await message(byEditor)).toBe(t("content.refused.ownDraft"));
    const byStarter = await content(starter, { intent: "publish", revision: editorsView.revision });
    expect(byStarter.status).toBe(409);
    expect(await db.contentRelease.count()).toBe(releases);

    const reviewersView = await contentPage(reviewer);
    expect(reviewersView.isEditor).toBe(false);
    const approved = await content(reviewer, { intent: "publish", revision: reviewersView.revision });
    expect(approved.status).toBe(200);
    expect(await db.contentRelease.count()).toBe(releases + 1);
    expect((await db.clause.findUniqueOrThrow({ where: { id: "6(2)イ" } })).text).toBe("編集者が書き換えた本文。");
  });

  it("publishes only the revision the approver reviewed: a draft changed since needs a new review", async () => {
    const releases = await db.contentRelease.count();
    expect((await content(starter, { intent: "start" })).status).toBe(200);
    await editClause(starter, "承認者が確認した本文。");
    expect((await content(starter, { intent: "submit" })).status).toBe(200);
    const reviewed = (await contentPage(reviewer)).revision;
    expect(reviewed).toMatch(/^[0-9a-f]{64}$/);

    // The author takes it back, changes it and submits again.
    expect((await content(starter, { intent: "reopen" })).status).toBe(200);
    await editClause(starter, "承認者が見ていない本文。");
    expect((await content(starter, { intent: "submit" })).status).toBe(200);

    const stale = await content(reviewer, { intent: "publish", revision: reviewed });
    expect(stale.status).toBe(409);
    expect(await message(stale)).toBe(t("content.refused.revisionChanged"));
    const none = await content(reviewer, { intent: "publish" });
    expect(none.status).toBe(409);
    expect(await db.contentRelease.count()).toBe(releases);
    expect((await db.clause.findUniqueOrThrow({ where: { id: "6(2)イ" } })).text).toBe("編集者が書き換えた本文。");

    const current = (await contentPage(reviewer)).revision;
    expect(current).not.toBe(reviewed);
    expect((await content(reviewer, { intent: "publish", revision: current })).status).toBe(200);
    expect((await db.clause.findUniqueOrThrow({ where: { id: "6(2)イ" } })).text).toBe("承認者が見ていない本文。");
  });
});

describe("switching the second ADMIN's approval off", () => {
  async function saveCity(who: Person, requireApproval: boolean) {
    const city = await getCity();
    const form: Record<string, string> = {
      cityName: city.cityName,
      policyTitle: city.policyTitle,
      organisations: city.organisations.map((o) => `${o.id} ${o.name}`).join("\n"),
      issuerLine: city.issuerLine,
      pledgeWording: city.pledgeWording,
      reportAddress: city.reportAddress,
      ...(requireApproval ? { requireApproval: "on" } : {}),
    };
    const response = await call(cityAction as never, await requestAs(who, "/admin/city", { form }));
    expect(response.status).toBe(200);
    return message(response);
  }

  it("needs a second ADMIN to confirm it; one ADMIN alone, however often, leaves it on", async () => {
    expect((await getCity()).requireApproval).toBe(true);
    expect(await saveCity(starter, false)).toBe(t("city.approvalOffRequested"));
    expect((await getCity()).requireApproval).toBe(true);
    expect(await saveCity(starter, false)).toBe(t("city.approvalOffRequested"));
    expect((await getCity()).requireApproval).toBe(true);

    const shown = (await (await call(cityLoader as never, await requestAs(reviewer, "/admin/city"))).json()) as {
      approvalOffPending: { name: string; byMe: boolean } | null;
    };
    expect(shown.approvalOffPending).toEqual({ name: "開始 一郎", byMe: false });

    expect(await saveCity(reviewer, false)).toBe(t("city.approvalOffConfirmed"));
    expect((await getCity()).requireApproval).toBe(false);
  });

  it("withdraws a pending request when it is saved switched on, and switches on at once", async () => {
    expect(await saveCity(starter, true)).toBe(t("city.saved"));
    expect((await getCity()).requireApproval).toBe(true);
    await saveCity(starter, false);
    await saveCity(editor, true); // withdrawn
    await saveCity(starter, false); // a new request, by the same ADMIN
    expect((await getCity()).requireApproval).toBe(true);
    await saveCity(editor, false);
    expect((await getCity()).requireApproval).toBe(false);
  });
});
