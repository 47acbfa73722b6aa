import { beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "~/domain/audit.ts";
import { db } from "~/lib/db.server.ts";
import { loader as peopleLoader } from "~/routes/reports.people._index.tsx";
import { loader as staffLoader } from "~/routes/staff._index.tsx";
import { loader as teamLoader } from "~/routes/team._index.tsx";
import { fillStaffSearchNames, updateStaffRecord } from "~/services/staff-directory.server.ts";
import { importStaff, readStaffCsv } from "~/services/staff-import.server.ts";
import { createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

const FORMS = ["やまだ", "ヤマダ", "ﾔﾏﾀﾞ", "山田花子", "山田 花子", "山田　花子", "100001", "１０００01"];

let hr: { id: number };
let manager: { id: number };

async function namesFound(path: string): Promise<string[]> {
  const data = await (await call(staffLoader, await requestAs(hr, path))).json();
  return data.staff.map((s: { name: string }) => s.name);
}

async function reportNamesFound(q: string): Promise<string[]> {
  const path = `/reports/people?q=${encodeURIComponent(q)}`;
  const data = await (await call(peopleLoader, await requestAs(hr, path))).json();
  return data.found.staff.map((s: { name: string }) => s.name);
}

beforeAll(async () => {
  hr = await createStaff({ role: "HR", name: "人事 担当" });
  manager = await createStaff({ role: "MANAGER", name: "部長 一" });
  await createStaff({ employeeNumber: "100001", name: "山田 花子", nameKana: "ヤマダ ハナコ" });
  // Near misses: another 山田 reading, and a 花子 who is not a 山田.
  await createStaff({ employeeNumber: "100002", name: "山本 花子", nameKana: "ヤマモト ハナコ" });
  await createStaff({ employeeNumber: "200001", name: "田中 誠", nameKana: "タナカ マコト" });
});

describe("people search", () => {
  it.each(FORMS)("finds 山田 花子 in the staff directory by 「%s」", async (q) => {
    expect(await namesFound(`/staff?q=${encodeURIComponent(q)}`)).toEqual(["山田 花子"]);
  });

  it.each(FORMS)("finds 山田 花子 in the reports' people search by 「%s」", async (q) => {
    expect(await reportNamesFound(q)).toEqual(["山田 花子"]);
  });

  it.each(FORMS)("finds 山田 花子 on a manager's team page by 「%s」", async (q) => {
    const path = `/team?q=${encodeURIComponent(q)}`;
    const data = await (await call(teamLoader, await requestAs(manager, path))).json();
    expect(data.team.members.map((m: { name: string }) => m.name)).toEqual(["山田 花子"]);
  });

  it("finds every 花子 by the given name alone, in either script", async () => {
    expect(await namesFound(`/staff?q=${encodeURIComponent("はなこ")}`)).toEqual(["山田 花子", "山本 花子"]);
    expect(await namesFound(`/staff?q=${encodeURIComponent("花子")}`)).toEqual(["山田 花子", "山本 花子"]);
  });

  it("keeps the search form up to date when HR renames someone", async () => {
    const person = await createStaff({ name: "旧姓 花", nameKana: "キュウセイ ハナ" });
    const result = await updateStaffRecord({ ...CLI_ACTOR, role: "ADMIN" }, person.id, {
      employeeNumber: person.employeeNumber,
      name: "新姓 花",
      nameKana: "シンセイ ハナ",
      organisationId: "mayor",
      sectionId: undefined,
      employeeTypeCode: "regular",
      role: "LEARNER",
      duties: [],
      startDate: person.startDate,
    });
    expect(result).toEqual({ ok: true, changed: true });
    expect(await namesFound(`/staff?q=${encodeURIComponent("しんせい")}`)).toEqual(["新姓 花"]);
    expect(await namesFound(`/staff?q=${encodeURIComponent("きゅうせい")}`)).toEqual([]);
  });

  it("keeps the search form up to date through the CSV import, new rows and changed ones", async () => {
    const HEADER = "職員番号,氏名,氏名カナ,所属,課,任用形態,役割,採用日,任用開始日,任用終了日,在職";
    const file = (name: string, kana: string) =>
      readStaffCsv(
        "staff.csv",
        new TextEncoder().encode(`${HEADER}\r\n880001,${name},${kana},市長部局,市民課,常勤職員,職員,2026/4/1,,,1\r\n`),
      );
    const run = async (name: string, kana: string) =>
      importStaff(await file(name, kana), { actor: CLI_ACTOR, actorRole: null, deactivateMissing: false });
    expect(await run("井上 陽子", "イノウエ ヨウコ")).toMatchObject({ ok: true, created: 1 });
    expect(await namesFound(`/staff?q=${encodeURIComponent("いのうえ")}`)).toEqual(["井上 陽子"]);
    expect(await run("上田 陽子", "ウエダ ヨウコ")).toMatchObject({ ok: true, updated: 1 });
    expect(await namesFound(`/staff?q=${encodeURIComponent("ｳｴﾀﾞ")}`)).toEqual(["上田 陽子"]);
    expect(await namesFound(`/staff?q=${encodeURIComponent("いのうえ")}`)).toEqual([]);
  });

  it("fills the search form of rows written without one, as db:setup does", async () => {
    const person = await createStaff({ name: "古川 学", nameKana: "フルカワ マナブ" });
    await db.staff.update({ where: { id: person.id }, data: { searchName: "" } });
    expect(await namesFound(`/staff?q=${encodeURIComponent("ふるかわ")}`)).toEqual([]);
    expect(await fillStaffSearchNames()).toBe(1);
    expect(await namesFound(`/staff?q=${encodeURIComponent("ふるかわ")}`)).toEqual(["古川 学"]);
    expect(await fillStaffSearchNames()).toBe(0);
  });
});
