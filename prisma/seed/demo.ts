/**
 * Demo data for `npm run demo` and the browser tests: a few sections under
 * each organisation and one member of staff of every employee type and
 * role. Never loaded by `npm start`.
 */
export const DEMO_PASSWORD = "mamori-demo-2026";

export const DEMO_SECTIONS: Record<string, string[]> = {
  mayor: ["総務課", "職員課", "情報政策課", "市民課", "税務課", "福祉課"],
  waterworks: ["経営総務課", "水道施設課", "下水道施設課"],
  council: ["議会総務課", "議事調査課"],
  "agriculture-committee": ["農地課"],
  audit: ["監査課"],
  "election-committee": ["選挙課"],
  "education-board": ["教育総務課", "学校教育課", "生涯学習課"],
  "education-institutions": ["本町小学校", "南中学校", "中央図書館"],
  fire: ["消防総務課", "予防課", "警防課"],
};

export type DemoStaff = {
  employeeNumber: string;
  name: string;
  nameKana: string;
  organisationId: string;
  section: string;
  employeeTypeCode: string;
  role: "LEARNER" | "MANAGER" | "HR" | "ADMIN";
  /** 担当 with courses of their own (app/domain/duties.ts). */
  duties?: ("system-admin" | "executive")[];
  startDate: string;
  appointmentStart?: string;
  appointmentEnd?: string;
};

export const DEMO_STAFF: DemoStaff[] = [
  {
    employeeNumber: "100001",
    name: "山田 花子",
    nameKana: "ヤマダ ハナコ",
    organisationId: "mayor",
    section: "市民課",
    employeeTypeCode: "regular",
    role: "LEARNER",
    startDate: "2026-11-16",
  },
  {
    employeeNumber: "100002",
    name: "佐藤 健",
    nameKana: "サトウ ケン",
    organisationId: "mayor",
    section: "税務課",
    employeeTypeCode: "reappointed",
    role: "LEARNER",
    startDate: "1990-04-01",
  },
  {
    employeeNumber: "100003",
    name: "鈴木 美咲",
    nameKana: "スズキ ミサキ",
    organisationId: "mayor",
    section: "市民課",
    employeeTypeCode: "fiscal-year",
    role: "LEARNER",
    startDate: "2025-04-01",
    appointmentStart: "2026-04-01",
    appointmentEnd: "2027-03-31",
  },
  {
    employeeNumber: "100004",
    name: "高橋 一郎",
    nameKana: "タカハシ イチロウ",
    organisationId: "education-board",
    section: "教育総務課",
    employeeTypeCode: "special",
    role: "LEARNER",
    duties: ["executive"],
    startDate: "2024-10-01",
  },
  {
    employeeNumber: "100005",
    name: "小林 大輔",
    nameKana: "コバヤシ ダイスケ",
    organisationId: "fire",
    section: "警防課",
    employeeTypeCode: "regular",
    role: "LEARNER",
    startDate: "2018-04-01",
  },
  {
    employeeNumber: "100006",
    name: "中村 さくら",
    nameKana: "ナカムラ サクラ",
    organisationId: "education-institutions",
    section: "中央図書館",
    employeeTypeCode: "fiscal-year",
    role: "LEARNER",
    startDate: "2026-04-01",
    appointmentStart: "2026-04-01",
    appointmentEnd: "2027-03-31",
  },
  {
    employeeNumber: "200001",
    name: "田中 誠",
    nameKana: "タナカ マコト",
    organisationId: "mayor",
    section: "市民課",
    employeeTypeCode: "regular",
    role: "MANAGER",
    startDate: "2001-04-01",
  },
  {
    employeeNumber: "200002",
    name: "加藤 直美",
    nameKana: "カトウ ナオミ",
    organisationId: "fire",
    section: "消防総務課",
    employeeTypeCode: "regular",
    role: "MANAGER",
    startDate: "1998-04-01",
  },
  {
    employeeNumber: "300001",
    name: "伊藤 由美",
    nameKana: "イトウ ユミ",
    organisationId: "mayor",
    section: "職員課",
    employeeTypeCode: "regular",
    role: "HR",
    startDate: "2010-04-01",
  },
  {
    employeeNumber: "900001",
    name: "渡辺 剛",
    nameKana: "ワタナベ ツヨシ",
    organisationId: "mayor",
    section: "情報政策課",
    employeeTypeCode: "regular",
    role: "ADMIN",
    duties: ["system-admin"],
    startDate: "2012-04-01",
  },
  // A second ADMIN: publishing content edited in the browser needs one to approve.
  {
    employeeNumber: "900002",
    name: "森 彩",
    nameKana: "モリ アヤ",
    organisationId: "mayor",
    section: "情報政策課",
    employeeTypeCode: "regular",
    role: "ADMIN",
    startDate: "2015-04-01",
  },
];
