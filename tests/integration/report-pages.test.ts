import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { loader as exportLoader } from "~/routes/reports.export.$table.ts";
import { loader as reportsLoader } from "~/routes/reports._index.tsx";
import { loader as personLoader } from "~/routes/reports.people.$staffId.tsx";
import { loader as peopleLoader } from "~/routes/reports.people._index.tsx";
import { action as remindAction, loader as overdueLoader } from "~/routes/reports.overdue.tsx";
import { loader as organisationsLoader } from "~/routes/reports.organisations.tsx";
import { loader as printLoader } from "~/routes/reports.print.tsx";
import { createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

async function overdueFor(person: { id: number }, trackId = "annual-refresher") {
  await db.assignment.create({
    data: { staffId: person.id, trackId, cycleKey: "FY2026", fiscalYear: 2026, dueDate: "2026-10-01" },
  });
}

describe("report pages", () => {
  it("refuse a learner with 403, page and CSV alike", async () => {
    const learner = await createStaff();
    expect((await call(reportsLoader, await requestAs(learner, "/reports"))).status).toBe(403);
    expect(
      (await call(exportLoader, await requestAs(learner, "/reports/export/matrix"), { table: "matrix" })).status,
    ).toBe(403);
  });

  it("keep a manager to their own organisation whatever the URL asks for", async () => {
    const manager = await createStaff({ role: "MANAGER", organisationId: "agriculture-committee" });
    const own = await createStaff({ organisationId: "agriculture-committee", name: "農業 委員" });
    const other = await createStaff({ organisationId: "election-committee", name: "選挙 管理" });
    await overdueFor(own);
    await overdueFor(other);

    const page = await (
      await call(overdueLoader, await requestAs(manager, "/reports/overdue?organisationId=election-committee"))
    ).json();
    expect(page.filter.organisationId).toBe("agriculture-committee");
    const names = page.rows.map((r: { name: string }) => r.name);
    expect(names).toEqual(["農業 委員"]);
    expect(page.options.organisations.map((o: { id: string }) => o.id)).toEqual(["agriculture-committee"]);

    const overview = await (
      await call(reportsLoader, await requestAs(manager, "/reports?organisationId=election-committee"))
    ).json();
    expect(overview.years.current.overdue).toBe(1);

    const print = await (
      await call(printLoader, await requestAs(manager, "/reports/print?organisationId=election-committee"))
    ).json();
    expect(print.organisationName).toBe("農業委員会事務局");
    expect(print.matrix.organisations.map((o: { id: string }) => o.id)).toEqual(["agriculture-committee"]);

    const cell = await (
      await call(
        organisationsLoader,
        await requestAs(manager, "/reports/organisations?cell=election-committee~regular"),
      )
    ).json();
    expect(cell.cell).toBeNull();

    const search = await (await call(peopleLoader, await requestAs(manager, "/reports/people?q=選挙"))).json();
    expect(search.found.total).toBe(0);
    const found = await (await call(peopleLoader, await requestAs(manager, "/reports/people?q=農業"))).json();
    expect(found.found.staff.map((s: { name: string }) => s.name)).toEqual(["農業 委員"]);

    const csv = await (
      await call(exportLoader, await requestAs(manager, "/reports/export/overdue?organisationId=election-committee"), {
        table: "overdue",
      })
    ).text();
    expect(csv).toContain("農業 委員");
    expect(csv).not.toContain("選挙 管理");

    expect(
      (await call(personLoader, await requestAs(manager, `/reports/people/${other.id}`), { staffId: String(other.id) }))
        .status,
    ).toBe(404);
    expect(
      (await call(personLoader, await requestAs(manager, `/reports/people/${own.id}`), { staffId: String(own.id) }))
        .status,
    ).toBe(200);
  });

  it("export CSV for Japanese Excel: BOM, Japanese headers, CRLF, neutralised formulas, audited", async () => {
    const hr = await createStaff({ role: "HR" });
    const attacker = await createStaff({ name: '=HYPERLINK("http://evil")', organisationId: "audit" });
    await overdueFor(attacker);
    const response = await call(
      exportLoader,
      await requestAs(hr, "/reports/export/overdue?fiscalYear=2026&organisationId=audit"),
      { table: "overdue" },
    );
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toContain("attachment;");
    const bytes = new Uint8Array(await response.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await response.text();
    const [header, first] = text.replace(/^\uFEFF/, "").split("\r\n");
    expect(header).toBe("職員番号,氏名,所属,課,任用形態,研修,期限,超過日数,情報セキュリティ管理者");
    expect(first).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(
      await db.auditLog.findFirst({ where: { action: "report.export", targetId: "overdue", actorId: hr.id } }),
    ).not.toBeNull();
  });

  it("return 404 for an export table that does not exist", async () => {
    const hr = await createStaff({ role: "HR" });
    expect(
      (await call(exportLoader, await requestAs(hr, "/reports/export/passwords"), { table: "passwords" })).status,
    ).toBe(404);
  });

  it("open a heat-map cell into its sections and people, those with overdue training first", async () => {
    const hr = await createStaff({ role: "HR" });
    const late = await createStaff({ organisationId: "audit", employeeTypeCode: "special", name: "監査 遅延" });
    const done = await createStaff({ organisationId: "audit", employeeTypeCode: "special", name: "監査 修了" });
    await overdueFor(late);
    await db.assignment.create({
      data: {
        staffId: done.id,
        trackId: "annual-refresher",
        cycleKey: "FY2026",
        fiscalYear: 2026,
        dueDate: "2026-12-31",
        completedAt: new Date("2026-10-01T00:00:00Z"),
      },
    });
    const page = await (
      await call(organisationsLoader, await requestAs(hr, "/reports/organisations?cell=audit~special"))
    ).json();
    expect(page.cell.organisationName).toBe("監査事務局");
    expect(page.cell.sections).toEqual([
      { sectionId: null, sectionName: null, assigned: 2, completed: 1, rate: 0.5, overdue: 1 },
    ]);
    expect(page.cell.people.map((p: { name: string; overdue: number }) => [p.name, p.overdue])).toEqual([
      ["監査 遅延", 1],
      ["監査 修了", 0],
    ]);
    expect(page.cell.peopleTotal).toBe(2);
  });

  it("remind the people chosen on the overdue page, once a day, audited; a manager only their own", async () => {
    const hr = await createStaff({ role: "HR" });
    const manager = await createStaff({ role: "MANAGER", organisationId: "council" });
    const mine = await createStaff({ organisationId: "council", name: "議会 遅延" });
    const other = await createStaff({ organisationId: "waterworks", name: "水道 遅延" });
    const onTime = await createStaff({ organisationId: "council", name: "議会 順調" });
    await overdueFor(mine);
    await overdueFor(other);

    const form = new FormData();
    for (const person of [mine, other, onTime]) form.append("staffId", String(person.id));
    const byManager = await (await call(remindAction, await requestAs(manager, "/reports/overdue", { form }))).json();
    expect(byManager.done).toBe("1人にリマインダーを送りました。");
    expect(byManager.skipped).toBe("2人は本日送信済みか、期限超過の研修がないため送りませんでした。");
    expect((await db.reminder.findMany({ select: { staffId: true } })).map((r) => r.staffId)).toEqual([mine.id]);

    const again = new FormData();
    again.append("staffId", String(mine.id));
    again.append("staffId", String(other.id));
    const byHr = await (await call(remindAction, await requestAs(hr, "/reports/overdue", { form: again }))).json();
    expect(byHr.done).toBe("1人にリマインダーを送りました。");
    expect((await db.reminder.findMany({ orderBy: { staffId: "asc" } })).map((r) => [r.staffId, r.day])).toEqual([
      [mine.id, "2026-11-25"],
      [other.id, "2026-11-25"],
    ]);
    const audit = await db.auditLog.findMany({ where: { action: "report.remind" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.actorId, (a.detail as { sent: number }).sent])).toEqual([
      [manager.id, 1],
      [hr.id, 1],
    ]);

    const none = await call(remindAction, await requestAs(hr, "/reports/overdue", { form: new FormData() }));
    expect(none.status).toBe(400);
    expect((await none.json()).error).toBe("職員を1人以上選んでください。");
  });

  it("sort and page the overdue list from the URL", async () => {
    const hr = await createStaff({ role: "HR" });
    const people = [];
    for (let i = 0; i < 3; i++) {
      const person = await createStaff({
        organisationId: "election-committee",
        employeeTypeCode: "special",
        employeeNumber: `S0000${i}`,
      });
      await overdueFor(person);
      people.push(person);
    }
    const numbers = async (query: string) =>
      (
        await (
          await call(
            overdueLoader,
            await requestAs(hr, `/reports/overdue?organisationId=election-committee&employeeTypeCode=special&${query}`),
          )
        ).json()
      ).rows.map((r: { employeeNumber: string }) => r.employeeNumber);
    expect(await numbers("sort=employeeNumber&dir=desc")).toEqual(["S00002", "S00001", "S00000"]);
    expect(await numbers("sort=employeeNumber")).toEqual(["S00000", "S00001", "S00002"]);
    expect(await numbers("sort=nonsense&page=-4")).toHaveLength(3);
  });
});
