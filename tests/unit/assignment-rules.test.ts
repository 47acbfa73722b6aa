import { describe, expect, it } from "vitest";
import {
  cycleKeyOf,
  requiredAssignments,
  trackAppliesTo,
  type StaffForRules,
  type TrackForRules,
} from "~/domain/assignment-rules.ts";
import type { Track } from "~/domain/content/types.ts";

// The four tracks of content/tracks.yaml, as the content parser gives them.
const EVERY_MODULE = [
  "purpose",
  "terms-security",
  "terms-information",
  "scope",
  "duty",
  "management",
  "classification",
  "threats",
  "network-tiers",
  "countermeasures",
  "human-security",
  "everyday-duties",
  "incidents",
  "outsourcing",
  "documents",
  "audit-review",
];
const EVERY_TYPE = ["regular", "reappointed", "fiscal-year", "special"];

const onboarding: Track = {
  id: "onboarding",
  name: "新任者研修",
  description: "採用時に全モジュールを読み、修了テストに合格し、誓約を行います。",
  appliesTo: { employeeTypes: EVERY_TYPE, roles: [], duties: [] },
  cycle: "once",
  skipInYearOfStart: false,
  modules: EVERY_MODULE,
  reading: "required",
  quiz: { questions: 20, passPercent: 80 },
  pledge: true,
  due: { kind: "daysAfter", days: 30, from: "start" },
};

const annualRefresher: Track = {
  id: "annual-refresher",
  name: "年次研修",
  description: "年度に一度、基本方針全体から出題される確認テストを受けます。",
  appliesTo: { employeeTypes: EVERY_TYPE, roles: [], duties: [] },
  cycle: "fiscal-year",
  skipInYearOfStart: true,
  modules: EVERY_MODULE,
  reading: "optional",
  quiz: { questions: 15, passPercent: 80 },
  pledge: false,
  due: { kind: "fiscalYearDate", monthDay: "12-31" },
};

const appointmentRefresher: Track = {
  id: "appointment-refresher",
  name: "任用時研修（会計年度任用職員）",
  description: "任用のたびに、職員等の義務と日常の遵守事項を確認し、誓約を行います。",
  appliesTo: { employeeTypes: ["fiscal-year"], roles: [], duties: [] },
  cycle: "appointment",
  skipInYearOfStart: true,
  modules: ["duty", "everyday-duties", "incidents", "threats", "human-security"],
  reading: "optional",
  quiz: { questions: 10, passPercent: 80 },
  pledge: true,
  due: { kind: "daysAfter", days: 14, from: "appointment" },
};

const managerCourse: Track = {
  id: "manager-course",
  name: "情報セキュリティ管理者研修",
  description: "管理体制、インシデント対応、業務委託、監査について、管理者の役割を学びます。",
  appliesTo: { employeeTypes: EVERY_TYPE, roles: ["MANAGER"], duties: [] },
  cycle: "fiscal-year",
  skipInYearOfStart: false,
  modules: ["management", "incidents", "outsourcing", "audit-review", "manager-role"],
  reading: "required",
  quiz: { questions: 10, passPercent: 80 },
  pledge: false,
  due: { kind: "fiscalYearDate", monthDay: "09-30" },
};

const TRACKS: readonly Track[] = [onboarding, annualRefresher, appointmentRefresher, managerCourse];

function staff(overrides: Partial<StaffForRules> = {}): StaffForRules {
  return {
    employeeTypeCode: "regular",
    role: "LEARNER",
    duties: [],
    startDate: "2015-04-01",
    appointmentStart: null,
    appointmentEnd: null,
    active: true,
    ...overrides,
  };
}

function track(overrides: Partial<TrackForRules> & Pick<TrackForRules, "cycle" | "due">): TrackForRules {
  return {
    id: "custom",
    appliesTo: { employeeTypes: EVERY_TYPE, roles: [], duties: [] },
    skipInYearOfStart: false,
    ...overrides,
  };
}

describe("cycleKeyOf", () => {
  it("names each kind of cycle", () => {
    expect(cycleKeyOf({ cycle: "once" })).toBe("once");
    expect(cycleKeyOf({ cycle: "fiscal-year", fiscalYear: 2026 })).toBe("FY2026");
    expect(cycleKeyOf({ cycle: "appointment", appointmentStart: "2026-04-01" })).toBe("AP2026-04-01");
  });
});

describe("trackAppliesTo", () => {
  it("needs the employee type and, when roles are listed, the role", () => {
    expect(trackAppliesTo(onboarding, staff())).toBe(true);
    expect(trackAppliesTo(appointmentRefresher, staff())).toBe(false);
    expect(trackAppliesTo(appointmentRefresher, staff({ employeeTypeCode: "fiscal-year" }))).toBe(true);
    expect(trackAppliesTo(managerCourse, staff())).toBe(false);
    expect(trackAppliesTo(managerCourse, staff({ role: "MANAGER" }))).toBe(true);
    expect(trackAppliesTo(managerCourse, staff({ role: "HR" }))).toBe(false);
  });
});

describe("requiredAssignments: regular staff (常勤職員)", () => {
  const hiredInApril = staff({ startDate: "2026-04-01" });

  it("gives a new hire onboarding, due 30 days after starting, and no annual refresher in the first year", () => {
    expect(requiredAssignments(hiredInApril, TRACKS, 2026, "2026-04-01")).toEqual([
      { trackId: "onboarding", cycleKey: "once", fiscalYear: 2026, dueDate: "2026-05-01" },
    ]);
  });

  it("gives the annual refresher, not onboarding again, in the second year", () => {
    expect(requiredAssignments(hiredInApril, TRACKS, 2027, "2027-04-01")).toEqual([
      { trackId: "annual-refresher", cycleKey: "FY2027", fiscalYear: 2027, dueDate: "2027-12-31" },
    ]);
  });

  it("gives someone hired mid-year onboarding due 30 days after their start", () => {
    expect(requiredAssignments(staff({ startDate: "2026-10-15" }), TRACKS, 2026, "2026-10-15")).toEqual([
      { trackId: "onboarding", cycleKey: "once", fiscalYear: 2026, dueDate: "2026-11-14" },
    ]);
  });

  it("counts a start on 31 March in the year that is ending", () => {
    const hiredOnLastDay = staff({ startDate: "2027-03-31" });
    expect(requiredAssignments(hiredOnLastDay, TRACKS, 2026, "2027-03-31")).toEqual([
      { trackId: "onboarding", cycleKey: "once", fiscalYear: 2026, dueDate: "2027-04-30" },
    ]);
    // Onboarding covered their first (one-day) year; the refresher starts the next day.
    expect(requiredAssignments(hiredOnLastDay, TRACKS, 2027, "2027-04-01")).toEqual([
      { trackId: "annual-refresher", cycleKey: "FY2027", fiscalYear: 2027, dueDate: "2027-12-31" },
    ]);
  });

  it("gives someone who started the day before the year began the refresher, not onboarding", () => {
    expect(requiredAssignments(staff({ startDate: "2026-03-31" }), TRACKS, 2026, "2026-04-01")).toEqual([
      { trackId: "annual-refresher", cycleKey: "FY2026", fiscalYear: 2026, dueDate: "2026-12-31" },
    ]);
  });

  it("gives long-serving staff the annual refresher each year", () => {
    expect(requiredAssignments(staff(), TRACKS, 2026, "2026-04-01")).toEqual([
      { trackId: "annual-refresher", cycleKey: "FY2026", fiscalYear: 2026, dueDate: "2026-12-31" },
    ]);
  });

  it("gives the refresher 30 days when it is created after 31 December", () => {
    expect(requiredAssignments(staff(), TRACKS, 2026, "2027-01-10")).toEqual([
      { trackId: "annual-refresher", cycleKey: "FY2026", fiscalYear: 2026, dueDate: "2027-02-09" },
    ]);
  });

  it("gives nothing for a year that ends before the person is hired", () => {
    const hiredNextYear = staff({ startDate: "2027-04-01", role: "MANAGER" });
    expect(requiredAssignments(hiredNextYear, TRACKS, 2026, "2027-03-01")).toEqual([]);
    expect(requiredAssignments(hiredNextYear, TRACKS, 2027, "2027-03-01").map((a) => a.trackId)).toEqual([
      "onboarding",
      "manager-course",
    ]);
  });

  it("does not give a regular employee the appointment refresher, even with an appointment recorded", () => {
    const withAppointment = staff({ appointmentStart: "2026-04-01", appointmentEnd: "2027-03-31" });
    expect(requiredAssignments(withAppointment, TRACKS, 2026, "2026-04-01").map((a) => a.trackId)).toEqual([
      "annual-refresher",
    ]);
  });
});

describe("requiredAssignments: 会計年度任用職員 (fiscal-year staff)", () => {
  const firstAppointment = staff({
    employeeTypeCode: "fiscal-year",
    startDate: "2026-04-01",
    appointmentStart: "2026-04-01",
    appointmentEnd: "2027-03-31",
  });
  const reappointed: StaffForRules = {
    ...firstAppointment,
    appointmentStart: "2027-04-01",
    appointmentEnd: "2028-03-31",
  };

  it("gives the first appointment onboarding and no appointment refresher", () => {
    expect(requiredAssignments(firstAppointment, TRACKS, 2026, "2026-04-01")).toEqual([
      { trackId: "onboarding", cycleKey: "once", fiscalYear: 2026, dueDate: "2026-05-01" },
    ]);
  });

  it("gives a re-appointment the annual and appointment refreshers, and no onboarding", () => {
    expect(requiredAssignments(reappointed, TRACKS, 2027, "2027-04-01")).toEqual([
      { trackId: "annual-refresher", cycleKey: "FY2027", fiscalYear: 2027, dueDate: "2027-12-31" },
      { trackId: "appointment-refresher", cycleKey: "AP2027-04-01", fiscalYear: 2027, dueDate: "2027-04-15" },
    ]);
  });

  it("gives the appointment refresher only in the year its appointment starts", () => {
    expect(requiredAssignments(reappointed, TRACKS, 2026, "2026-04-01")).toEqual([
      { trackId: "onboarding", cycleKey: "once", fiscalYear: 2026, dueDate: "2026-05-01" },
    ]);
    expect(requiredAssignments(reappointed, TRACKS, 2028, "2028-04-01")).toEqual([
      { trackId: "annual-refresher", cycleKey: "FY2028", fiscalYear: 2028, dueDate: "2028-12-31" },
    ]);
  });

  it("treats a mid-year first appointment as onboarding, and the April after as a re-appointment", () => {
    const autumnHire = staff({
      employeeTypeCode: "fiscal-year",
      startDate: "2026-10-01",
      appointmentStart: "2026-10-01",
      appointmentEnd: "2027-03-31",
    });
    expect(requiredAssignments(autumnHire, TRACKS, 2026, "2026-10-01")).toEqual([
      { trackId: "onboarding", cycleKey: "once", fiscalYear: 2026, dueDate: "2026-10-31" },
    ]);
    const april = { ...autumnHire, appointmentStart: "2027-04-01", appointmentEnd: "2028-03-31" };
    expect(requiredAssignments(april, TRACKS, 2027, "2027-04-01").map((a) => a.cycleKey)).toEqual([
      "FY2027",
      "AP2027-04-01",
    ]);
  });

  it("counts the appointment refresher from a mid-year re-appointment", () => {
    const rehired = { ...firstAppointment, appointmentStart: "2027-06-01", appointmentEnd: "2028-03-31" };
    expect(requiredAssignments(rehired, TRACKS, 2027, "2027-06-01")).toContainEqual({
      trackId: "appointment-refresher",
      cycleKey: "AP2027-06-01",
      fiscalYear: 2027,
      dueDate: "2027-06-15",
    });
  });

  it("gives no appointment refresher when no appointment is recorded", () => {
    const noAppointment = {
      ...firstAppointment,
      startDate: "2024-04-01",
      appointmentStart: null,
      appointmentEnd: null,
    };
    expect(requiredAssignments(noAppointment, TRACKS, 2026, "2026-04-01").map((a) => a.trackId)).toEqual([
      "annual-refresher",
    ]);
  });
});

describe("requiredAssignments: manager course (情報セキュリティ管理者)", () => {
  const manager = staff({ role: "MANAGER" });

  it("gives a MANAGER the manager course, due 30 September, after the annual refresher", () => {
    expect(requiredAssignments(manager, TRACKS, 2026, "2026-04-01")).toEqual([
      { trackId: "annual-refresher", cycleKey: "FY2026", fiscalYear: 2026, dueDate: "2026-12-31" },
      { trackId: "manager-course", cycleKey: "FY2026", fiscalYear: 2026, dueDate: "2026-09-30" },
    ]);
  });

  it("keeps 30 September when the course is created on that day", () => {
    expect(requiredAssignments(manager, [managerCourse], 2026, "2026-09-30")).toEqual([
      { trackId: "manager-course", cycleKey: "FY2026", fiscalYear: 2026, dueDate: "2026-09-30" },
    ]);
  });

  it("gives someone who became MANAGER after 30 September 30 days from today", () => {
    expect(requiredAssignments(manager, [managerCourse], 2026, "2026-10-01")).toEqual([
      { trackId: "manager-course", cycleKey: "FY2026", fiscalYear: 2026, dueDate: "2026-10-31" },
    ]);
    expect(requiredAssignments(manager, TRACKS, 2026, "2026-10-20")).toEqual([
      { trackId: "annual-refresher", cycleKey: "FY2026", fiscalYear: 2026, dueDate: "2026-12-31" },
      { trackId: "manager-course", cycleKey: "FY2026", fiscalYear: 2026, dueDate: "2026-11-19" },
    ]);
  });

  it("gives a manager hired after 30 September onboarding and the course, both 30 days after starting", () => {
    const newManager = staff({ role: "MANAGER", startDate: "2026-10-15" });
    expect(requiredAssignments(newManager, TRACKS, 2026, "2026-10-15")).toEqual([
      { trackId: "onboarding", cycleKey: "once", fiscalYear: 2026, dueDate: "2026-11-14" },
      { trackId: "manager-course", cycleKey: "FY2026", fiscalYear: 2026, dueDate: "2026-11-14" },
    ]);
  });

  it("counts from the start date, not today, for a manager registered before they start", () => {
    const newManager = staff({ role: "MANAGER", startDate: "2026-10-15" });
    expect(requiredAssignments(newManager, [managerCourse], 2026, "2026-10-01")).toEqual([
      { trackId: "manager-course", cycleKey: "FY2026", fiscalYear: 2026, dueDate: "2026-11-14" },
    ]);
  });

  it.each(["LEARNER", "HR", "ADMIN"] as const)("does not give the course to %s", (role) => {
    const assigned = requiredAssignments(staff({ role }), TRACKS, 2026, "2026-04-01").map((a) => a.trackId);
    expect(assigned).toEqual(["annual-refresher"]);
  });
});

describe("requiredAssignments: 担当 (duties)", () => {
  const systemAdminCourse: Track = {
    ...managerCourse,
    id: "system-admin-course",
    appliesTo: { employeeTypes: EVERY_TYPE, roles: [], duties: ["system-admin"] },
    modules: ["system-admin"],
  };
  const executiveCourse: Track = {
    ...managerCourse,
    id: "executive-course",
    appliesTo: { employeeTypes: EVERY_TYPE, roles: [], duties: ["executive"] },
    modules: ["executive-role"],
  };
  const withDuties = [...TRACKS, systemAdminCourse, executiveCourse];
  const ids = (person: StaffForRules) =>
    requiredAssignments(person, withDuties, 2026, "2026-04-01").map((a) => a.trackId);

  it("gives a duty's course to those who hold the duty, whatever their role, and to nobody else", () => {
    expect(ids(staff())).toEqual(["annual-refresher"]);
    expect(ids(staff({ duties: ["system-admin"] }))).toEqual(["annual-refresher", "system-admin-course"]);
    expect(ids(staff({ duties: ["executive"], role: "MANAGER" }))).toEqual([
      "annual-refresher",
      "manager-course",
      "executive-course",
    ]);
    expect(ids(staff({ duties: ["system-admin", "executive"], role: "ADMIN" }))).toEqual([
      "annual-refresher",
      "system-admin-course",
      "executive-course",
    ]);
  });

  it("treats a stored track definition from before duties existed as open to everyone", () => {
    const stored = { ...onboarding, appliesTo: { employeeTypes: EVERY_TYPE, roles: [] } } as unknown as Track;
    expect(trackAppliesTo(stored, staff({ duties: ["executive"] }))).toBe(true);
    expect(trackAppliesTo(stored, staff())).toBe(true);
  });
});

describe("requiredAssignments: other employee types", () => {
  it("treats 再任用職員 by their start date like anyone else", () => {
    const newlyReappointed = staff({ employeeTypeCode: "reappointed", startDate: "2026-04-01" });
    expect(requiredAssignments(newlyReappointed, TRACKS, 2026, "2026-04-01")).toEqual([
      { trackId: "onboarding", cycleKey: "once", fiscalYear: 2026, dueDate: "2026-05-01" },
    ]);
    const secondYear = staff({ employeeTypeCode: "reappointed", startDate: "2025-04-01" });
    expect(requiredAssignments(secondYear, TRACKS, 2026, "2026-04-01")).toEqual([
      { trackId: "annual-refresher", cycleKey: "FY2026", fiscalYear: 2026, dueDate: "2026-12-31" },
    ]);
  });

  it("does not repeat onboarding for 再任用職員 whose original 採用日 is kept (tracks.yaml)", () => {
    // Retired in March 2026 and re-appointed on 1 April: same person, same 採用日.
    const reappointedAfterRetirement = staff({ employeeTypeCode: "reappointed", startDate: "1990-04-01" });
    expect(requiredAssignments(reappointedAfterRetirement, TRACKS, 2026, "2026-04-01").map((a) => a.trackId)).toEqual([
      "annual-refresher",
    ]);
  });

  it("gives 特別職 the same tracks: onboarding when appointed, the manager course as MANAGER, the refresher after", () => {
    const deputyMayor = staff({ employeeTypeCode: "special", startDate: "2026-07-01", role: "MANAGER" });
    expect(requiredAssignments(deputyMayor, TRACKS, 2026, "2026-07-01")).toEqual([
      { trackId: "onboarding", cycleKey: "once", fiscalYear: 2026, dueDate: "2026-07-31" },
      { trackId: "manager-course", cycleKey: "FY2026", fiscalYear: 2026, dueDate: "2026-09-30" },
    ]);
    expect(requiredAssignments({ ...deputyMayor, role: "LEARNER" }, TRACKS, 2027, "2027-04-01")).toEqual([
      { trackId: "annual-refresher", cycleKey: "FY2027", fiscalYear: 2027, dueDate: "2027-12-31" },
    ]);
  });

  it("gives nothing to a type no track lists (a city's new 任期付職員 before content covers it)", () => {
    const fixedTerm = staff({ employeeTypeCode: "fixed-term", startDate: "2026-04-01" });
    expect(requiredAssignments(fixedTerm, TRACKS, 2026, "2026-04-01")).toEqual([]);
  });

  it("skips a track restricted to a type the person does not have", () => {
    const partTimeOnly = track({
      id: "part-time-only",
      appliesTo: { employeeTypes: ["fiscal-year"], roles: [], duties: [] },
      cycle: "fiscal-year",
      due: { kind: "fiscalYearDate", monthDay: "12-31" },
    });
    expect(requiredAssignments(staff(), [partTimeOnly], 2026, "2026-04-01")).toEqual([]);
    expect(
      requiredAssignments(staff({ employeeTypeCode: "fiscal-year" }), [partTimeOnly], 2026, "2026-04-01"),
    ).toHaveLength(1);
  });
});

describe("requiredAssignments: inactive staff", () => {
  it("gives nothing to anyone deactivated, new hire or manager", () => {
    expect(requiredAssignments(staff({ active: false, startDate: "2026-04-01" }), TRACKS, 2026, "2026-04-01")).toEqual(
      [],
    );
    expect(requiredAssignments(staff({ active: false, role: "MANAGER" }), TRACKS, 2026, "2026-04-01")).toEqual([]);
  });
});

describe("requiredAssignments: due rules in every cycle", () => {
  it("counts a once track from the appointment, or from the start when there is none", () => {
    const fromAppointment = track({ cycle: "once", due: { kind: "daysAfter", days: 10, from: "appointment" } });
    const appointed = staff({ startDate: "2026-04-01", appointmentStart: "2026-04-10" });
    expect(requiredAssignments(appointed, [fromAppointment], 2026, "2026-04-01")[0]?.dueDate).toBe("2026-04-20");
    const notAppointed = staff({ startDate: "2026-04-01" });
    expect(requiredAssignments(notAppointed, [fromAppointment], 2026, "2026-04-01")[0]?.dueDate).toBe("2026-04-11");
  });

  it("puts a once track's fixed date in the year of hiring, or 30 days on when it has passed", () => {
    const byJune = track({ cycle: "once", due: { kind: "fiscalYearDate", monthDay: "06-30" } });
    expect(requiredAssignments(staff({ startDate: "2026-04-01" }), [byJune], 2026, "2026-04-01")).toEqual([
      { trackId: "custom", cycleKey: "once", fiscalYear: 2026, dueDate: "2026-06-30" },
    ]);
    expect(requiredAssignments(staff({ startDate: "2026-08-01" }), [byJune], 2026, "2026-08-01")[0]?.dueDate).toBe(
      "2026-08-31",
    );
  });

  it("counts a yearly track from a start in that year, otherwise from 1 April", () => {
    const sixtyDays = track({ cycle: "fiscal-year", due: { kind: "daysAfter", days: 60, from: "start" } });
    expect(requiredAssignments(staff({ startDate: "2026-10-15" }), [sixtyDays], 2026, "2026-10-15")).toEqual([
      { trackId: "custom", cycleKey: "FY2026", fiscalYear: 2026, dueDate: "2026-12-14" },
    ]);
    expect(requiredAssignments(staff({ startDate: "2026-10-15" }), [sixtyDays], 2027, "2027-04-01")[0]?.dueDate).toBe(
      "2027-05-31",
    );
  });

  it("counts a yearly track from an appointment in that year, otherwise from 1 April", () => {
    const fromAppointment = track({ cycle: "fiscal-year", due: { kind: "daysAfter", days: 14, from: "appointment" } });
    const appointed = staff({
      employeeTypeCode: "fiscal-year",
      startDate: "2024-04-01",
      appointmentStart: "2026-06-01",
    });
    expect(requiredAssignments(appointed, [fromAppointment], 2026, "2026-06-01")[0]?.dueDate).toBe("2026-06-15");
    expect(requiredAssignments(appointed, [fromAppointment], 2027, "2027-04-01")[0]?.dueDate).toBe("2027-04-15");
  });

  it("counts an appointment track from the start date when its rule says start", () => {
    const fromStart = track({ cycle: "appointment", due: { kind: "daysAfter", days: 14, from: "start" } });
    const appointed = staff({
      employeeTypeCode: "fiscal-year",
      startDate: "2026-04-01",
      appointmentStart: "2026-05-01",
    });
    expect(requiredAssignments(appointed, [fromStart], 2026, "2026-04-10")).toEqual([
      { trackId: "custom", cycleKey: "AP2026-05-01", fiscalYear: 2026, dueDate: "2026-04-15" },
    ]);
  });

  it("gives 30 days from today when a counted due date has already passed on assignment", () => {
    const hiredInApril = staff({ startDate: "2026-04-01" });
    const onboarding = TRACKS.filter((t) => t.id === "onboarding");
    // Imported on 25 November: 1 May has long passed, so no instant 期限超過.
    expect(requiredAssignments(hiredInApril, onboarding, 2026, "2026-11-25")).toEqual([
      { trackId: "onboarding", cycleKey: "once", fiscalYear: 2026, dueDate: "2026-12-25" },
    ]);
    // On the day the deadline itself falls, it stands.
    expect(requiredAssignments(hiredInApril, onboarding, 2026, "2026-05-01")[0]?.dueDate).toBe("2026-05-01");
  });

  it("puts an appointment track's fixed date after the appointment begins", () => {
    const byMay = track({ cycle: "appointment", due: { kind: "fiscalYearDate", monthDay: "05-31" } });
    const april = staff({ employeeTypeCode: "fiscal-year", startDate: "2025-04-01", appointmentStart: "2026-04-01" });
    expect(requiredAssignments(april, [byMay], 2026, "2026-04-01")[0]?.dueDate).toBe("2026-05-31");
    const july = { ...april, appointmentStart: "2026-07-01" };
    expect(requiredAssignments(july, [byMay], 2026, "2026-06-20")[0]?.dueDate).toBe("2026-07-31");
  });

  it("gives the first appointment an appointment track that does not skip the year of starting", () => {
    const everyAppointment = { ...appointmentRefresher, skipInYearOfStart: false };
    const firstAppointment = staff({
      employeeTypeCode: "fiscal-year",
      startDate: "2026-04-01",
      appointmentStart: "2026-04-01",
    });
    expect(requiredAssignments(firstAppointment, [everyAppointment], 2026, "2026-04-01")).toEqual([
      { trackId: "appointment-refresher", cycleKey: "AP2026-04-01", fiscalYear: 2026, dueDate: "2026-04-15" },
    ]);
  });

  it("gives a yearly track that does not skip the year of starting in that year too", () => {
    const everyYear = { ...annualRefresher, skipInYearOfStart: false };
    expect(requiredAssignments(staff({ startDate: "2026-04-01" }), [everyYear], 2026, "2026-04-01")).toEqual([
      { trackId: "annual-refresher", cycleKey: "FY2026", fiscalYear: 2026, dueDate: "2026-12-31" },
    ]);
  });
});

describe("requiredAssignments: order and input", () => {
  it("lists assignments in the order of the tracks given", () => {
    const reappointed = staff({ employeeTypeCode: "fiscal-year", role: "MANAGER", appointmentStart: "2026-04-01" });
    const reversed = [...TRACKS].reverse();
    expect(requiredAssignments(reappointed, reversed, 2026, "2026-04-01").map((a) => a.trackId)).toEqual([
      "manager-course",
      "appointment-refresher",
      "annual-refresher",
    ]);
    expect(requiredAssignments(reappointed, TRACKS, 2026, "2026-04-01").map((a) => a.trackId)).toEqual([
      "annual-refresher",
      "appointment-refresher",
      "manager-course",
    ]);
  });

  it("gives nothing when there are no tracks", () => {
    expect(requiredAssignments(staff(), [], 2026, "2026-04-01")).toEqual([]);
  });

  it("rejects a malformed today or start date instead of guessing", () => {
    expect(() => requiredAssignments(staff(), TRACKS, 2026, "2026/04/01")).toThrow(/calendar date/);
    expect(() => requiredAssignments(staff({ startDate: "2026-02-30" }), TRACKS, 2026, "2026-04-01")).toThrow(
      /calendar date/,
    );
  });
});
