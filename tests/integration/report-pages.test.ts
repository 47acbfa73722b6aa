import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { loader as exportLoader } from "~/routes/reports.export.$table.ts";
import { loader as reportsLoader } from "~/routes/reports._index.tsx";
import { loader as personLoader } from "~/routes/reports.people.$staffId.tsx";
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
      await call(reportsLoader, await requestAs(manager, "/reports?organisationId=election-committee"))
    ).json();
    expect(page.filter.organisationId).toBe("agriculture-committee");
    const names = page.overdue.rows.map((r: { name: string }) => r.name);
    expect(names).toEqual(["農業 委員"]);
    expect(page.options.organisations.map((o: { id: string }) => o.id)).toEqual(["agriculture-committee"]);

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
});
