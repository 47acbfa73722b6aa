/**
 * Base data every Mamori database needs, whatever the city: the nine
 * organisations of policy 3(1), in the policy's order, and the employee
 * types the policy names in 2(5). Ids are stable codes used by content
 * (tracks.yaml) and imports; names are what people see and type.
 */
export const ORGANISATIONS = [
  { id: "mayor", name: "市長部局" },
  { id: "waterworks", name: "上下水道局" },
  { id: "council", name: "議会局" },
  { id: "agriculture-committee", name: "農業委員会事務局" },
  { id: "audit", name: "監査事務局" },
  { id: "election-committee", name: "選挙管理委員会事務局" },
  { id: "education-board", name: "教育委員会事務局" },
  { id: "education-institutions", name: "各教育機関" },
  { id: "fire", name: "消防本部" },
] as const;

export const EMPLOYEE_TYPES = [
  { code: "regular", name: "常勤職員", hasAppointmentPeriod: false },
  { code: "reappointed", name: "再任用職員", hasAppointmentPeriod: false },
  { code: "fiscal-year", name: "会計年度任用職員", hasAppointmentPeriod: true },
  { code: "special", name: "特別職", hasAppointmentPeriod: false },
] as const;
