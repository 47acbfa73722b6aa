import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CLI_ACTOR } from "~/domain/audit.ts";
import { db } from "~/lib/db.server.ts";
import { importStaff, readStaffCsv, type StaffCsvFile } from "~/services/staff-import.server.ts";
import { action as importAction } from "~/routes/staff.import.tsx";
import { createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

const fixture = async (name: string) => readStaffCsv(name, readFileSync(`tests/fixtures/${name}`));
const csv = async (lines: string[]) => readStaffCsv("test.csv", new TextEncoder().encode(`${lines.join("\r\n")}\r\n`));
const HEADER = "職員番号,氏名,氏名カナ,所属,課,任用形態,役割,採用日,任用開始日,任用終了日,在職";

const run = (file: StaffCsvFile, deactivateMissing = false) =>
  importStaff(file, { actor: CLI_ACTOR, actorRole: null, deactivateMissing });

async function staffNumbered(numbers: string[]) {
  return db.staff.findMany({
    where: { employeeNumber: { in: numbers } },
    orderBy: { employeeNumber: "asc" },
    include: { section: true },
  });
}

describe("staff CSV import", () => {
  it.each([
    ["staff-utf8.csv", "utf-8"],
    ["staff-utf8-bom.csv", "utf-8-bom"],
    ["staff-sjis.csv", "shift_jis"],
  ])("imports %s, detecting %s", async (name, encoding) => {
    const earlier = { employeeNumber: { startsWith: "7000" } };
    await db.assignment.deleteMany({ where: { staff: earlier } });
    await db.staff.deleteMany({ where: earlier });
    const file = await fixture(name);
    expect(file.encoding).toBe(encoding);
    const result = await run(file);
    expect(result).toMatchObject({ ok: true, created: 3, updated: 0, unchanged: 0 });
    const [aoki, ishii, ueda] = await staffNumbered(["700001", "700002", "700003"]);
    expect(aoki).toMatchObject({
      name: "青木 一郎",
      nameKana: "アオキ イチロウ",
      organisationId: "mayor",
      employeeTypeCode: "regular",
      role: "LEARNER",
      startDate: "2026-04-01",
      active: true,
    });
    expect(aoki?.section?.name).toBe("市民課");
    expect(ishii).toMatchObject({
      organisationId: "fire",
      employeeTypeCode: "fiscal-year",
      appointmentStart: "2026-04-01",
      appointmentEnd: "2027-03-31",
    });
    expect(ueda).toMatchObject({ organisationId: "waterworks", employeeTypeCode: "reappointed", role: "MANAGER" });
    // 料金課 did not exist under 上下水道局: it is created there.
    expect(ueda?.section).toMatchObject({ organisationId: "waterworks", name: "料金課" });
    // New staff get the training their type requires (their start is in FY2026).
    const assigned = await db.assignment.findMany({ where: { staffId: ishii!.id }, orderBy: { trackId: "asc" } });
    expect(assigned.map((a) => a.trackId)).toEqual(["onboarding"]);
  });

  it("changes nothing when the same file is imported again", async () => {
    await run(await fixture("staff-utf8.csv"));
    const before = await staffNumbered(["700001", "700002", "700003"]);
    const audits = await db.auditLog.count();
    const again = await run(await fixture("staff-sjis.csv"));
    expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 3, deactivated: 0, newSections: 0 });
    expect(await staffNumbered(["700001", "700002", "700003"])).toEqual(before);
    expect(await db.auditLog.count()).toBe(audits);
  });

  it("updates the person whose row changed, and only them", async () => {
    await run(await fixture("staff-utf8.csv"));
    const file = await csv([
      HEADER,
      "700001,青木 一郎,アオキ イチロウ,市長部局,税務課,常勤職員,職員,2026/4/1,,,1",
      "700002,石井 二葉,イシイ フタバ,消防本部,予防課,会計年度任用職員,,令和8年4月1日,令和8年4月1日,令和9年3月31日,在職",
      "700003,上田 三郎,ウエダ サブロウ,上下水道局,料金課,再任用職員,情報セキュリティ管理者,2026-04-01,,,TRUE",
    ]);
    expect(await run(file)).toMatchObject({ ok: true, created: 0, updated: 1, unchanged: 2 });
    const [aoki] = await staffNumbered(["700001"]);
    expect(aoki?.section?.name).toBe("税務課");
  });

  it("imports 担当 and assigns its course, and a file without the column keeps the duties set", async () => {
    const header = "職員番号,氏名,所属,任用形態,採用日,担当";
    const first = await run(
      await csv([
        header,
        "740001,情報 太郎,市長部局,常勤職員,2015/4/1,情報システム担当",
        "740002,幹部 花子,市長部局,特別職,2015/4/1,幹部職員",
      ]),
    );
    expect(first).toMatchObject({ ok: true, created: 2 });
    const [it_, executive] = await staffNumbered(["740001", "740002"]);
    expect([it_!.duties, executive!.duties]).toEqual(["system-admin", "executive"]);
    const trackIds = async (staffId: number) =>
      (await db.assignment.findMany({ where: { staffId } })).map((a) => a.trackId).sort();
    expect(await trackIds(it_!.id)).toEqual(["annual-refresher", "system-admin-course"]);
    expect(await trackIds(executive!.id)).toEqual(["annual-refresher", "executive-course"]);

    // The personnel system's usual export has no 担当 column: nothing changes.
    const without = await run(
      await csv([
        "職員番号,氏名,所属,任用形態,採用日",
        "740001,情報 太郎,市長部局,常勤職員,2015/4/1",
        "740002,幹部 花子,市長部局,特別職,2015/4/1",
      ]),
    );
    expect(without).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 2 });
    expect((await staffNumbered(["740001"]))[0]!.duties).toBe("system-admin");

    // A blank 担当 in a file that has the column takes the duty away.
    const cleared = await run(await csv([header, "740001,情報 太郎,市長部局,常勤職員,2015/4/1,"]));
    expect(cleared).toMatchObject({ ok: true, updated: 1 });
    expect((await staffNumbered(["740001"]))[0]!.duties).toBe("");
  });

  it("imports nothing from a file with one bad row, and names each problem's line and column", async () => {
    const before = await db.staff.count();
    const sections = await db.section.count();
    const result = await run(await fixture("staff-bad-row.csv"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, column: "氏名" }),
        expect.objectContaining({ line: 3, column: "所属", message: expect.stringContaining("県庁") }),
        expect.objectContaining({ line: 3, column: "任用形態", message: expect.stringContaining("パート") }),
        expect.objectContaining({ line: 3, column: "採用日", message: expect.stringContaining("2026/2/30") }),
      ]),
    );
    expect(result.problems.every((p) => p.line === 3)).toBe(true);
    expect(await db.staff.count()).toBe(before);
    expect(await db.section.count()).toBe(sections);
  });

  it("reports people missing from a full import, and deactivates them only when asked", async () => {
    await run(await fixture("staff-utf8.csv"));
    const stayer = await createStaff({ employeeNumber: "M00001" });
    const onlyTwo = await csv([HEADER, "700001,青木 一郎,アオキ イチロウ,市長部局,市民課,常勤職員,職員,2026/4/1,,,1"]);

    const reported = await run(onlyTwo);
    expect(reported).toMatchObject({ ok: true, deactivated: 0 });
    if (!reported.ok) return;
    expect(reported.missing).toBeGreaterThanOrEqual(3);
    expect((await db.staff.findUniqueOrThrow({ where: { id: stayer.id } })).active).toBe(true);

    const deactivating = await run(onlyTwo, true);
    expect(deactivating).toMatchObject({ ok: true, deactivated: reported.missing });
    expect(await db.staff.findUniqueOrThrow({ where: { id: stayer.id } })).toMatchObject({
      active: false,
      sessionVersion: 1,
    });
    expect((await staffNumbered(["700001"]))[0]?.active).toBe(true);
  });

  it("previews an upload, imports only on confirmation, and audits who did it from where", async () => {
    const hr = await createStaff({ role: "HR" });
    const form = new FormData();
    const text = `${HEADER}\r\n800001,画面 取込,ガメン トリコミ,議会局,議事調査課,常勤職員,,2026/10/1,,,1\r\n`;
    form.append("file", new File([text], "upload.csv", { type: "text/csv" }));
    const preview = await call(importAction, await requestAs(hr, "/staff/import", { form }));
    const body = await preview.json();
    expect(body).toMatchObject({ step: "preview", fileName: "upload.csv", plan: { created: 1, encoding: "utf-8" } });
    expect(await db.staff.count({ where: { employeeNumber: "800001" } })).toBe(0);

    const confirm = await call(importAction, await requestAs(hr, "/staff/import", { form: { draftId: body.draftId } }));
    expect(await confirm.json()).toMatchObject({ step: "done" });
    expect(await db.staff.count({ where: { employeeNumber: "800001" } })).toBe(1);
    // A second click on the same confirmation imports nothing more.
    const twice = await call(importAction, await requestAs(hr, "/staff/import", { form: { draftId: body.draftId } }));
    expect(twice.status).toBe(410);

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "staff.import" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({
      actorId: hr.id,
      address: "203.0.113.7",
      targetId: "upload.csv",
      detail: { created: 1, createdNumbers: ["800001"] },
    });
  });

  it("refuses an upload from HR that would make someone an administrator", async () => {
    const hr = await createStaff({ role: "HR" });
    const form = new FormData();
    form.append(
      "file",
      new File([`${HEADER}\r\n800002,権限 昇格,,市長部局,,常勤職員,システム管理者,2026/4/1,,,1\r\n`], "x.csv"),
    );
    const response = await call(importAction, await requestAs(hr, "/staff/import", { form }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ step: "problems", problems: [{ line: 2, column: "役割" }] });
  });
});
