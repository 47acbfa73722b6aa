import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { loader as personLoader } from "~/routes/reports.people.$staffId.tsx";
import { loader as peopleLoader } from "~/routes/reports.people._index.tsx";
import { action as teamAction, loader as teamLoader } from "~/routes/team._index.tsx";
import { loader as memberLoader } from "~/routes/team.$staffId.tsx";
import { createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

// MAMORI_TODAY is 2026-11-25 in the integration tests (setup-db.ts).
type Member = {
  name: string;
  overdue: boolean;
  remindedToday: boolean;
  tracks: { trackName: string; dueDate: string; status: string; daysOverdue: number | null }[];
};
type TeamData = {
  scopeName: string;
  team: { total: number; overdueCount: number; pageCount: number; members: Member[] };
};

let kacho: { id: number };
let bucho: { id: number };
let late: { id: number };
let neighbour: { id: number };
let elsewhere: { id: number };

async function teamAs(manager: { id: number }, query = ""): Promise<TeamData> {
  const response = await call(teamLoader, await requestAs(manager, `/team${query}`));
  expect(response.status).toBe(200);
  return response.json();
}

const names = (data: TeamData) => data.team.members.map((m) => m.name);

async function assign(
  staffId: number,
  trackId: string,
  dueDate: string,
  state: Partial<Record<"started" | "done", Date>>,
) {
  await db.assignment.create({
    data: {
      staffId,
      trackId,
      cycleKey: trackId === "onboarding" ? "once" : `FY${dueDate.slice(0, 4)}`,
      fiscalYear: Number(dueDate.slice(0, 4)) - (dueDate.slice(5) < "04-01" ? 1 : 0),
      dueDate,
      startedAt: state.started ?? null,
      completedAt: state.done ?? null,
    },
  });
}

beforeAll(async () => {
  const citizens = await db.section.create({ data: { organisationId: "mayor", name: "市民課" } });
  const tax = await db.section.create({ data: { organisationId: "mayor", name: "税務課" } });
  kacho = await createStaff({ role: "MANAGER", name: "田中 誠", nameKana: "タナカ マコト", sectionId: citizens.id });
  bucho = await createStaff({ role: "MANAGER", name: "部長 一", nameKana: "ブチョウ ハジメ" });
  late = await createStaff({
    employeeNumber: "100001",
    name: "山田 花子",
    nameKana: "ヤマダ ハナコ",
    sectionId: citizens.id,
  });
  neighbour = await createStaff({ name: "佐藤 健", nameKana: "サトウ ケン", sectionId: tax.id });
  elsewhere = await createStaff({ name: "小林 大輔", nameKana: "コバヤシ ダイスケ", organisationId: "fire" });
  // 602 days late on the onboarding course, started this year's refresher.
  await assign(late.id, "onboarding", "2025-04-02", {});
  await assign(late.id, "annual-refresher", "2027-03-31", { started: new Date("2026-10-01T00:00:00Z") });
  await assign(kacho.id, "annual-refresher", "2027-03-31", { done: new Date("2026-10-05T00:00:00Z") });
  await assign(neighbour.id, "annual-refresher", "2026-10-01", {});
  await assign(elsewhere.id, "annual-refresher", "2026-10-01", {});
});

describe("the manager's team", () => {
  it("shows a 課長 their 課 only, and a 部長 their whole 部局", async () => {
    const own = await teamAs(kacho);
    expect(own.scopeName).toBe("市民課");
    expect(names(own).sort()).toEqual(["山田 花子", "田中 誠"].sort());
    const whole = await teamAs(bucho);
    expect(names(whole)).toEqual(expect.arrayContaining(["山田 花子", "田中 誠", "佐藤 健", "部長 一"]));
    expect(names(whole)).not.toContain("小林 大輔");
  });

  it("gives each person's status on every track, with the due date, an old year's unfinished one included", async () => {
    const own = await teamAs(kacho);
    const yamada = own.team.members.find((m) => m.name === "山田 花子")!;
    expect(yamada.overdue).toBe(true);
    expect(yamada.tracks).toEqual([
      expect.objectContaining({ dueDate: "2025-04-02", status: "overdue", daysOverdue: 602 }),
      expect.objectContaining({ dueDate: "2027-03-31", status: "inProgress" }),
    ]);
    const tanaka = own.team.members.find((m) => m.name === "田中 誠")!;
    expect(tanaka.tracks.map((t) => t.status)).toEqual(["completed"]);
    expect(own.team.overdueCount).toBe(1);
  });

  it.each(["やまだ", "ﾔﾏﾀﾞ", "山田花子", "１０００01"])("finds people by 「%s」, within the scope only", async (q) => {
    expect(names(await teamAs(kacho, `?q=${encodeURIComponent(q)}`))).toEqual(["山田 花子"]);
    expect(names(await teamAs(kacho, `?q=${encodeURIComponent("さとう")}`))).toEqual([]);
  });

  it("lists the late ones alone when asked", async () => {
    expect(names(await teamAs(bucho, "?overdue=1")).sort()).toEqual(["佐藤 健", "山田 花子"].sort());
  });

  it("pages a large 課 twenty-five at a time", async () => {
    const section = await db.section.create({ data: { organisationId: "waterworks", name: "経営総務課" } });
    const head = await createStaff({ role: "MANAGER", organisationId: "waterworks", sectionId: section.id });
    await db.staff.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        employeeNumber: `W${String(i).padStart(4, "0")}`,
        name: `水道 職員${i}`,
        organisationId: "waterworks",
        sectionId: section.id,
        employeeTypeCode: "regular",
        startDate: "2020-04-01",
      })),
    });
    const first = await teamAs(head);
    expect(first.team.total).toBe(61);
    expect(first.team.pageCount).toBe(3);
    expect(first.team.members).toHaveLength(25);
    const last = await teamAs(head, "?page=3");
    expect(last.team.members).toHaveLength(11);
    expect(names(last)).not.toContain(names(first)[0]);
  });

  it("reminds a late member once a day, audited, and no one outside the 課", async () => {
    const remind = async (staffId: number) =>
      (await call(teamAction, await requestAs(kacho, "/team", { form: { staffId: String(staffId) } }))).json();
    expect(await remind(neighbour.id)).toMatchObject({ done: "0人にリマインダーを送りました。" });
    expect(await db.reminder.count({ where: { staffId: neighbour.id } })).toBe(0);
    expect(await remind(late.id)).toMatchObject({ done: "1人にリマインダーを送りました。" });
    expect(await db.reminder.count({ where: { staffId: late.id, day: "2026-11-25" } })).toBe(1);
    expect(await remind(late.id)).toMatchObject({
      done: "0人にリマインダーを送りました。",
      skipped: expect.any(String),
    });
    const audit = await db.auditLog.findMany({ where: { action: "report.remind", actorId: kacho.id } });
    expect(audit).toHaveLength(3);
    const yamada = (await teamAs(kacho)).team.members.find((m) => m.name === "山田 花子")!;
    expect(yamada.remindedToday).toBe(true);
  });

  it("refuses the reminder to anyone but a manager, and a form that names no one", async () => {
    const hr = await createStaff({ role: "HR" });
    const post = await requestAs(hr, "/team", { form: { staffId: String(late.id) } });
    expect((await call(teamAction, post)).status).toBe(403);
    const empty = await call(teamAction, await requestAs(kacho, "/team", { form: { staffId: "x" } }));
    expect(empty.status).toBe(400);
  });

  it("opens a member's training as HR sees it, and no one outside the scope", async () => {
    const open = (manager: { id: number }, person: { id: number }) =>
      requestAs(manager, `/team/${person.id}`).then((r) => call(memberLoader, r, { staffId: String(person.id) }));
    const page = await open(kacho, late);
    expect(page.status).toBe(200);
    const { history } = await page.json();
    expect(history.assignments.map((a: { status: string }) => a.status)).toEqual(["inProgress", "overdue"]);
    expect((await open(kacho, neighbour)).status).toBe(404);
    expect((await open(kacho, elsewhere)).status).toBe(404);
    expect((await open(bucho, neighbour)).status).toBe(200);
  });

  it("keeps a 課長's reports to the same 課", async () => {
    const search = await call(peopleLoader, await requestAs(kacho, `/reports/people?q=${encodeURIComponent("佐藤")}`));
    const found = await search.json();
    expect(found.found.total).toBe(0);
    expect(found.manager).toEqual({ scopeName: "市長部局 市民課" });
    expect(found.filter).toMatchObject({ organisationId: "mayor", sectionId: expect.any(Number) });
    const history = await call(personLoader, await requestAs(kacho, `/reports/people/${neighbour.id}`), {
      staffId: String(neighbour.id),
    });
    expect(history.status).toBe(404);
  });
});
