import { describe, expect, it } from "vitest";
import { CLI_ACTOR } from "~/domain/audit.ts";
import type { Role } from "~/domain/roles.ts";
import { db } from "~/lib/db.server.ts";
import { checkStaffImport, importStaff, readStaffCsv, type StaffCsvFile } from "~/services/staff-import.server.ts";
import { action as importAction } from "~/routes/staff.import.tsx";
import { createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

const HEADER = "職員番号,氏名,氏名カナ,所属,課,任用形態,役割,採用日,任用開始日,任用終了日,在職";
const csv = async (lines: string[]) =>
  readStaffCsv("admins.csv", new TextEncoder().encode(`${lines.join("\r\n")}\r\n`));

let n = 0;
/**
 * Two ADMINs and a learner; a file that renames and retires one ADMIN,
 * leaves the other out, and renames the learner.
 */
async function scene() {
  n++;
  // One after the other, so that their ids come in this order on every database.
  const kept = await createStaff({ employeeNumber: `AD${n}01`, name: "管理 一郎", role: "ADMIN" });
  const missing = await createStaff({ employeeNumber: `AD${n}02`, name: "管理 二郎", role: "ADMIN" });
  const learner = await createStaff({ employeeNumber: `AD${n}03`, name: "職員 三郎", role: "LEARNER" });
  // Every other active member of staff is in the file too, so only `missing` is missing.
  const others = await db.staff.findMany({
    where: { active: true, id: { notIn: [kept.id, missing.id, learner.id] } },
    select: { employeeNumber: true, name: true, role: true },
  });
  const label: Record<string, string> = { LEARNER: "職員", MANAGER: "所属長", HR: "人事担当", ADMIN: "システム管理者" };
  const file = await csv([
    HEADER,
    `${kept.employeeNumber},乗っ取り 太郎,,市長部局,,常勤職員,職員,2026/4/1,,,0`,
    `${learner.employeeNumber},職員 三郎改,,市長部局,,常勤職員,職員,2026/4/1,,,1`,
    ...others.map((o) => `${o.employeeNumber},${o.name},,市長部局,,常勤職員,${label[o.role]},2026/4/1,,,1`),
  ]);
  return { kept, missing, learner, file };
}

async function rowsOf(...ids: number[]) {
  return db.staff.findMany({
    where: { id: { in: ids } },
    orderBy: { id: "asc" },
    select: { name: true, role: true, active: true },
  });
}

async function uploadAndConfirm(role: Role, file: StaffCsvFile) {
  const importer = await createStaff({ role });
  const form = new FormData();
  form.append("file", new File([file.text], "admins.csv", { type: "text/csv" }));
  const preview = await call(importAction, await requestAs(importer, "/staff/import", { form }));
  const body = await preview.json();
  const done = await call(
    importAction,
    await requestAs(importer, "/staff/import", { form: { draftId: body.draftId, deactivateMissing: "on" } }),
  );
  return { preview: body, done: await done.json() };
}

describe("the staff import and ADMIN accounts", () => {
  it("as HR: previews the ADMIN rows as protected, and neither changes nor deactivates them", async () => {
    const { kept, missing, learner, file } = await scene();
    const { preview, done } = await uploadAndConfirm("HR", file);
    expect(preview.step).toBe("preview");
    expect(preview.plan.protectedRows).toEqual([
      expect.objectContaining({ employeeNumber: kept.employeeNumber, name: "管理 一郎", reason: "changed" }),
      expect.objectContaining({ employeeNumber: missing.employeeNumber, name: "管理 二郎", reason: "missing" }),
    ]);
    expect(preview.plan.missingRows.map((m: { staffId: number }) => m.staffId)).not.toContain(missing.id);
    expect(done.step).toBe("done");
    expect(await rowsOf(kept.id, missing.id, learner.id)).toEqual([
      { name: "管理 一郎", role: "ADMIN", active: true },
      { name: "管理 二郎", role: "ADMIN", active: true },
      { name: "職員 三郎改", role: "LEARNER", active: true },
    ]);
  });

  it("as ADMIN: changes and deactivates ADMIN rows like any other", async () => {
    const { kept, missing, file } = await scene();
    const { preview } = await uploadAndConfirm("ADMIN", file);
    expect(preview.plan.protectedRows).toEqual([]);
    expect(await rowsOf(kept.id, missing.id)).toEqual([
      { name: "乗っ取り 太郎", role: "LEARNER", active: false },
      { name: "管理 二郎", role: "ADMIN", active: false },
    ]);
  });

  it("from the command line: protects ADMIN rows unless the operator includes them", async () => {
    const first = await scene();
    const check = await checkStaffImport(first.file, null);
    expect(check.ok && check.plan.protected.map((p) => [p.staffId, p.reason])).toEqual([
      [first.kept.id, "changed"],
      [first.missing.id, "missing"],
    ]);
    const protectedRun = await importStaff(first.file, { actor: CLI_ACTOR, actorRole: null, deactivateMissing: true });
    expect(protectedRun).toMatchObject({ ok: true, protected: 2 });
    expect(await rowsOf(first.kept.id, first.missing.id)).toEqual([
      { name: "管理 一郎", role: "ADMIN", active: true },
      { name: "管理 二郎", role: "ADMIN", active: true },
    ]);

    const second = await scene();
    const included = await importStaff(second.file, {
      actor: CLI_ACTOR,
      actorRole: null,
      deactivateMissing: true,
      includeAdmins: true,
    });
    expect(included).toMatchObject({ ok: true, protected: 0 });
    expect(await rowsOf(second.kept.id, second.missing.id)).toEqual([
      { name: "乗っ取り 太郎", role: "LEARNER", active: false },
      { name: "管理 二郎", role: "ADMIN", active: false },
    ]);
  });
});
