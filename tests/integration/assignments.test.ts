import { existsSync, readFileSync, rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CLI_ACTOR } from "~/domain/audit.ts";
import { db } from "~/lib/db.server.ts";
import { assignForFiscalYear, extendDueDates, rollOverFiscalYear } from "~/services/assignments.server.ts";
import { checkContentFiles, contentHash, readContentFiles, syncContent } from "~/services/content.server.ts";
import { assignDeltaRetraining, changedModules, DELTA_TRACK } from "~/services/delta.server.ts";
import { importStaff, readStaffCsv } from "~/services/staff-import.server.ts";
import { sendReminders } from "~/services/reminders.server.ts";
import { action as rolloverAction } from "~/routes/admin.rollover.tsx";
import { loader as trackLoader } from "~/routes/learn.$assignmentId._index.tsx";
import { createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

const TODAY = "2026-11-25"; // pinned by setup-db.ts

const HEADER = "職員番号,氏名,所属,課,任用形態,役割,採用日,任用開始日,任用終了日,在職";
const mixedFile = await readStaffCsv(
  "mixed.csv",
  new TextEncoder().encode(
    [
      HEADER,
      "A0001,新採 一郎,市長部局,,常勤職員,,2026-10-01,,,1", // hired this year
      "A0002,古参 二郎,市長部局,,常勤職員,,2015-04-01,,,1",
      "A0003,継続 三子,消防本部,,会計年度任用職員,,2024-04-01,2026-04-01,2027-03-31,1", // re-appointed in April
      "A0004,秋採 四子,消防本部,,会計年度任用職員,,2026-10-01,2026-10-01,2027-03-31,1", // first appointment in October
      "A0005,再任 五郎,議会局,,再任用職員,,2020-04-01,,,1",
      "A0006,特別 六郎,市長部局,,特別職,,2023-04-01,,,1",
      "A0007,課長 七郎,市長部局,,常勤職員,情報セキュリティ管理者,2000-04-01,,,1",
      "A0008,退職 八郎,市長部局,,常勤職員,,2001-04-01,,,0",
    ].join("\r\n"),
  ),
);

async function assignmentsOf(employeeNumber: string) {
  const rows = await db.assignment.findMany({
    where: { staff: { employeeNumber } },
    orderBy: { trackId: "asc" },
    select: { trackId: true, cycleKey: true, dueDate: true },
  });
  return rows.map((r) => `${r.trackId} ${r.cycleKey} ${r.dueDate}`);
}

describe("automatic assignment", () => {
  it("gives each employee type exactly what its rules require when a mixed file is imported", async () => {
    expect(await importStaff(mixedFile, { actor: CLI_ACTOR, actorRole: null, deactivateMissing: false })).toMatchObject(
      { ok: true, created: 8 },
    );
    // Onboarding's 30 days from 1 October passed before the import: a fair 30 days from today instead.
    expect(await assignmentsOf("A0001")).toEqual(["onboarding once 2026-12-25"]);
    expect(await assignmentsOf("A0002")).toEqual(["annual-refresher FY2026 2026-12-31"]);
    expect(await assignmentsOf("A0003")).toEqual([
      "annual-refresher FY2026 2026-12-31",
      "appointment-refresher AP2026-04-01 2026-12-25",
    ]);
    expect(await assignmentsOf("A0004")).toEqual(["onboarding once 2026-12-25"]);
    expect(await assignmentsOf("A0005")).toEqual(["annual-refresher FY2026 2026-12-31"]);
    expect(await assignmentsOf("A0006")).toEqual(["annual-refresher FY2026 2026-12-31"]);
    expect(await assignmentsOf("A0007")).toEqual([
      "annual-refresher FY2026 2026-12-31",
      "manager-course FY2026 2026-12-25",
    ]);
    expect(await assignmentsOf("A0008")).toEqual([]);
  });

  it("re-appoints fiscal-year staff each April with the appointment refresher, never onboarding again", async () => {
    const person = await createStaff({ employeeNumber: "A0101", employeeTypeCode: "fiscal-year" });
    await db.staff.update({
      where: { id: person.id },
      data: { startDate: "2026-04-01", appointmentStart: "2026-04-01", appointmentEnd: "2027-03-31" },
    });
    await assignForFiscalYear(2026, "2026-04-01", [person.id]);
    await db.staff.update({
      where: { id: person.id },
      data: { appointmentStart: "2027-04-01", appointmentEnd: "2028-03-31" },
    });
    await assignForFiscalYear(2027, "2027-04-01", [person.id]);
    expect(await assignmentsOf("A0101")).toEqual([
      "annual-refresher FY2027 2027-12-31",
      "appointment-refresher AP2027-04-01 2027-04-15",
      "onboarding once 2026-05-01",
    ]);
  });

  it("runs the fiscal-year rollover twice without creating anything twice, and audits both runs", async () => {
    const first = await rollOverFiscalYear(CLI_ACTOR, 2027, "2027-04-01");
    expect(first.created).toBeGreaterThan(0);
    const total = await db.assignment.count();
    const second = await rollOverFiscalYear(CLI_ACTOR, 2027, "2027-04-01");
    expect(second).toMatchObject({ created: 0, existing: first.created + first.existing });
    expect(await db.assignment.count()).toBe(total);
    expect(await db.auditLog.count({ where: { action: "assignments.rollover", targetId: "2027" } })).toBe(2);
    // The unique key, not only the check, refuses a duplicate.
    const one = await db.assignment.findFirstOrThrow({ where: { fiscalYear: 2027 } });
    const { id: _id, createdAt: _c, ...copy } = one;
    await expect(db.assignment.create({ data: { ...copy, moduleSlugs: undefined } })).rejects.toThrow();
  });

  it("lets only an administrator run the rollover from the page", async () => {
    const hr = await createStaff({ role: "HR" });
    const admin = await createStaff({ role: "ADMIN" });
    const byHr = await call(rolloverAction, await requestAs(hr, "/admin/rollover", { form: { fiscalYear: "2026" } }));
    expect(byHr.status).toBe(403);
    const byAdmin = await call(
      rolloverAction,
      await requestAs(admin, "/admin/rollover", { form: { fiscalYear: "2026" } }),
    );
    expect((await byAdmin.json()).message).toMatch(/^2026年度（令和8年度）：新規 \d+件、既存 \d+件、対象外 \d+人$/);
  });
});

describe("due dates", () => {
  it("extends one assignment or a filter's, never shortens, and keeps the reason in the audit log", async () => {
    const a = await createStaff({ organisationId: "audit" });
    const b = await createStaff({ organisationId: "audit" });
    const c = await createStaff({ organisationId: "council" });
    const make = (staffId: number, dueDate: string) =>
      db.assignment.create({
        data: { staffId, trackId: "annual-refresher", cycleKey: "FY2030", fiscalYear: 2030, dueDate },
      });
    const [x, y, z] = [await make(a.id, "2030-12-31"), await make(b.id, "2031-02-01"), await make(c.id, "2030-12-31")];

    expect(await extendDueDates(CLI_ACTOR, { assignmentId: x.id }, "2031-01-15", "システム障害のため")).toBe(1);
    const count = await extendDueDates(
      CLI_ACTOR,
      { fiscalYear: 2030, organisationId: "audit" },
      "2031-01-31",
      "監査対応のため",
    );
    expect(count).toBe(1); // x moves again; y is already later
    const due = async (id: number) => (await db.assignment.findUniqueOrThrow({ where: { id } })).dueDate;
    expect([await due(x.id), await due(y.id), await due(z.id)]).toEqual(["2031-01-31", "2031-02-01", "2030-12-31"]);
    const entry = await db.auditLog.findFirstOrThrow({
      where: { action: "assignments.extend-due" },
      orderBy: { id: "desc" },
    });
    expect(entry.detail).toMatchObject({ reason: "監査対応のため", count: 1, newDueDate: "2031-01-31" });
  });
});

describe("delta retraining", () => {
  it("offers, after a release that changes one clause, only the modules citing it to those who completed before", async () => {
    const completer = await createStaff({ organisationId: "fire" });
    const newcomer = await createStaff({ organisationId: "fire" });
    const before = await db.contentRelease.findFirstOrThrow({ orderBy: { id: "desc" } });
    await db.assignment.create({
      data: {
        staffId: completer.id,
        trackId: "onboarding",
        cycleKey: "once",
        fiscalYear: 2026,
        dueDate: "2026-12-01",
        completedAt: new Date(),
        completedReleaseId: before.id,
      },
    });

    const files = readContentFiles("content").map((f) =>
      f.path === "policy/basic-policy.yaml"
        ? {
            ...f,
            text: f.text.replace(
              "幹部職員が率先して推進、管理する体制を確立する。",
              "幹部職員が率先して推進し、管理する体制を確立する。",
            ),
          }
        : f,
    );
    const check = checkContentFiles(files);
    if (!check.ok) throw new Error("edited content must stay valid");
    const release = await syncContent(check.bundle, contentHash(files));
    expect(release.changes).toEqual([{ kind: "clause", key: "5", change: "changed", clauseIds: ["5"] }]);

    const citing = check.bundle.modules.filter((m) => m.clauses.includes("5")).map((m) => m.slug);
    expect(citing.length).toBeGreaterThan(0);
    expect((await changedModules(release.releaseId)).map((m) => m.slug)).toEqual(citing);

    await db.assignment.create({
      data: {
        staffId: newcomer.id,
        trackId: "onboarding",
        cycleKey: "once",
        fiscalYear: 2026,
        dueDate: "2026-12-01",
        completedAt: new Date(),
        completedReleaseId: release.releaseId,
      },
    });
    // Clause 5 is cited by modules for everyone and by the manager-only and executives' modules.
    expect(citing).toEqual(expect.arrayContaining(["management", "manager-role", "executive-role"]));
    const audience = new Map(check.bundle.modules.map((m) => [m.slug, m.audience]));
    const forEveryone = citing.filter((slug) => audience.get(slug) === "all");
    expect(forEveryone.length).toBeGreaterThan(0);

    const result = await assignDeltaRetraining(CLI_ACTOR, release.releaseId, { organisationId: "fire" }, TODAY);
    expect(result).toEqual({ created: 1, existing: 0, skipped: 0, modules: forEveryone });
    const delta = await db.assignment.findFirstOrThrow({ where: { trackId: DELTA_TRACK } });
    expect(delta).toMatchObject({
      staffId: completer.id,
      cycleKey: `DELTA-R${release.releaseId}`,
      dueDate: "2026-12-25",
      moduleSlugs: forEveryone,
    });
    // A learner's delta course holds no manager-only (or executives') module.
    expect(delta.moduleSlugs).not.toContain("manager-role");
    expect(delta.moduleSlugs).not.toContain("executive-role");
    expect(await assignDeltaRetraining(CLI_ACTOR, release.releaseId, { organisationId: "fire" }, TODAY)).toMatchObject({
      created: 0,
      existing: 1,
    });

    // The learner sees a short track of just those modules, two questions each at most.
    const page = await (
      await call(trackLoader, await requestAs(completer, `/learn/${delta.id}`), { assignmentId: String(delta.id) })
    ).json();
    expect(page.modules.map((m: { slug: string }) => m.slug)).toEqual(forEveryone);
    expect(page.track.quiz.questions).toBe(Math.min(10, forEveryone.length * 2));

    // A manager's course adds the manager-only module; an executive's, the executives' one.
    const manager = await createStaff({ organisationId: "audit", role: "MANAGER" });
    const executive = await createStaff({ organisationId: "audit" });
    await db.staff.update({ where: { id: executive.id }, data: { duties: "executive" } });
    for (const person of [manager, executive]) {
      await db.assignment.create({
        data: {
          staffId: person.id,
          trackId: "annual-refresher",
          cycleKey: "FY2026",
          fiscalYear: 2026,
          dueDate: "2026-12-31",
          completedAt: new Date(),
          completedReleaseId: before.id,
        },
      });
    }
    await assignDeltaRetraining(CLI_ACTOR, release.releaseId, { organisationId: "audit" }, TODAY);
    const courseOf = async (staffId: number) =>
      (await db.assignment.findFirstOrThrow({ where: { trackId: DELTA_TRACK, staffId } })).moduleSlugs as string[];
    expect(await courseOf(manager.id)).toEqual(citing.filter((slug) => slug !== "executive-role"));
    expect(await courseOf(executive.id)).toEqual(citing.filter((slug) => slug !== "manager-role"));
  });
});

describe("reminders", () => {
  it("writes at most one reminder per person per day to the outbox when no SMTP server is set", async () => {
    const late = await createStaff({ name: "遅延 花子" });
    await db.assignment.create({
      data: {
        staffId: late.id,
        trackId: "annual-refresher",
        cycleKey: "FY2026",
        fiscalYear: 2026,
        dueDate: "2026-11-01",
      },
    });
    const outbox = `${process.env.REMINDER_OUTBOX}/reminders-${TODAY}.txt`;
    rmSync(outbox, { force: true });

    const dry = await sendReminders(TODAY, { dryRun: true });
    const mine = dry.messages.find((m) => m.staffId === late.id);
    expect(mine?.body).toContain("年次研修（期限 2026年11月1日（日）、24日超過）");
    expect(existsSync(outbox)).toBe(false);

    const sent = await sendReminders(TODAY, { dryRun: false });
    expect(sent.file).toBe(sent.messages.length);
    expect(readFileSync(outbox, "utf8")).toContain("遅延 花子 様");
    const again = await sendReminders(TODAY, { dryRun: false });
    expect(again).toMatchObject({ sent: 0, messages: [] });
    expect(await db.reminder.count({ where: { staffId: late.id } })).toBe(1);
  });
});
