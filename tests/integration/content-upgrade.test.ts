import { beforeAll, describe, expect, it } from "vitest";
import { EDITIONS_SHIPPED_BEFORE_MARKING } from "~/domain/content/shipped-editions.ts";
import { db } from "~/lib/db.server.ts";
import { loader as releasesLoader } from "~/routes/admin.content.releases.tsx";
import {
  discardDraft,
  publishDraft,
  activeDraft,
  submitDraft,
  UPGRADE_AUTHOR,
} from "~/services/content-draft.server.ts";
import { releaseFiles, syncContentDirectory } from "~/services/content.server.ts";
import { listReleases } from "~/services/releases.server.ts";
import { runTsx } from "./cli.ts";
import { contentEdition } from "./content-copy.ts";
import { createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

/** db:setup as `npm start` runs it, with CONTENT_DIR standing for the content/ an upgrade ships. */
async function startWithShippedContent(dir: string) {
  // As the server is stopped for an upgrade: on SQLite, migrate deploy needs the file to itself.
  await db.$disconnect();
  const setup = await runTsx("app/cli/db-setup.ts", [], { ...process.env, CONTENT_DIR: dir });
  expect(setup.status, setup.stderr).toBe(0);
  return setup.stdout;
}

const latestRelease = () => db.contentRelease.findFirstOrThrow({ orderBy: { id: "desc" } });
const lessonOf = async (releaseId: number) =>
  (await releaseFiles(releaseId))?.find((f) => f.path === "modules/duty.md")?.text ?? "";

let upgradeRelease = 0;
let reviewedRelease = 0;
let first: { id: number };
let second: { id: number };

beforeAll(async () => {
  first = await createStaff({ role: "ADMIN" });
  second = await createStaff({ role: "ADMIN" });
});

// Each test starts db:setup once or twice, ~10 s each on a busy machine.
describe("the content edition an upgrade ships", { timeout: 120_000 }, () => {
  it("is published over an edition Mamori shipped before db:setup marked its releases", async () => {
    // As the release before this mark recorded the content/ it shipped: from "files".
    // Its hash is that of an edition an earlier release shipped (the content of this
    // repository has moved on since, so the test database's own is not one of them).
    const shipped = await latestRelease();
    await db.contentSnapshot.update({ where: { releaseId: shipped.id }, data: { source: "files" } });
    await db.contentRelease.update({
      where: { id: shipped.id },
      data: { hash: [...EDITIONS_SHIPPED_BEFORE_MARKING].at(-1)! },
    });
    await startWithShippedContent(contentEdition("同梱の版で加わった一文。"));
    const release = await latestRelease();
    expect(release.id).toBeGreaterThan(shipped.id);
    expect(await lessonOf(release.id)).toContain("同梱の版で加わった一文。");
  });

  it("is published at start on a city that never published its own content, audited and shown as the upgrade's", async () => {
    const before = await latestRelease();
    await startWithShippedContent(contentEdition("同梱の第二版で加わった一文。"));

    const release = await latestRelease();
    expect(release.id).toBeGreaterThan(before.id);
    expect(await lessonOf(release.id)).toContain("同梱の第二版で加わった一文。");
    const audit = await db.auditLog.findFirst({
      where: { action: "content.upgrade-publish" },
      orderBy: { id: "desc" },
    });
    expect(audit).toMatchObject({ targetType: "release", targetId: String(release.id), address: "cli", actorId: null });
    expect(JSON.stringify(audit?.detail)).toContain("module duty changed");

    expect((await listReleases())[0]).toMatchObject({ id: release.id, source: "upgrade" });
    upgradeRelease = release.id;
  });

  it("becomes a draft, never a release, on a city that published its own content", async () => {
    // The city edits its files and runs content:sync.
    const own = await syncContentDirectory(contentEdition("市が独自に加えた一文。"));
    expect(own.status).toBe("created");

    const output = await startWithShippedContent(contentEdition("同梱の第三版で加わった一文。"));
    expect(output).toContain("draft to review");
    expect((await latestRelease()).id).toBe(own.releaseId);
    expect(await lessonOf(own.releaseId)).toContain("市が独自に加えた一文。");

    const draft = await activeDraft();
    expect(draft).toMatchObject({ authorId: UPGRADE_AUTHOR, status: "open", baseReleaseId: own.releaseId });
    expect(draft!.files.find((f) => f.path === "modules/duty.md")?.text).toContain("同梱の第三版で加わった一文。");
    expect(await db.auditLog.count({ where: { action: "content.upgrade-draft", targetId: String(draft!.id) } })).toBe(
      1,
    );

    // Every later start leaves the one draft as it is.
    await startWithShippedContent(contentEdition("同梱の第三版で加わった一文。"));
    expect(await db.contentDraft.count({ where: { status: { in: ["open", "submitted"] } } })).toBe(1);
    expect((await latestRelease()).id).toBe(own.releaseId);
  });

  it("goes live through the city's four-eyes review: whoever submits it cannot approve it", async () => {
    const actor = (who: { id: number }) => ({ staffId: who.id, address: "203.0.113.7" });
    expect(await submitDraft(actor(first))).toEqual({ ok: true });
    const { revision } = (await activeDraft())!;
    expect(await publishDraft(actor(first), revision)).toEqual({ ok: false, reason: "ownDraft" });
    const published = await publishDraft(actor(second), revision);
    expect(published).toMatchObject({ ok: true });
    const release = await latestRelease();
    expect(await lessonOf(release.id)).toContain("同梱の第三版で加わった一文。");

    // The edition is now the city's release: the next start changes nothing.
    const output = await startWithShippedContent(contentEdition("同梱の第三版で加わった一文。"));
    expect(output).toContain("content unchanged");
    expect((await latestRelease()).id).toBe(release.id);
    reviewedRelease = release.id;
  });

  it("is not offered again once the city discarded its draft", async () => {
    // The city's own files again, over the reviewed release published in the browser.
    await syncContentDirectory(contentEdition("市がもう一度加えた一文。"), { force: true });
    const fourth = contentEdition("同梱の第四版で加わった一文。");
    await startWithShippedContent(fourth);
    const draft = await activeDraft();
    expect(draft?.authorId).toBe(UPGRADE_AUTHOR);
    expect(await discardDraft({ staffId: first.id, address: "203.0.113.7" })).toEqual({ ok: true });

    expect(await startWithShippedContent(fourth)).toContain("discarded by the city");
    expect(await activeDraft()).toBeNull();

    // The releases page names each release's origin (last: the page leaves a read connection open).
    const page = (await (
      await call(releasesLoader as never, await requestAs(first, "/admin/content/releases"))
    ).json()) as { releases: { id: number; source: string }[] };
    expect(page.releases.find((r) => r.id === upgradeRelease)).toMatchObject({ source: "upgrade" });
    expect(page.releases.find((r) => r.id === reviewedRelease)).toMatchObject({ source: "browser" });
  });
});
