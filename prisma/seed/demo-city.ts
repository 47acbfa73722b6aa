/**
 * The demo city that `npm run demo` loads around the ten named demo logins
 * (demo.ts): one city's nine organisations with 59 sections and 1,890 more
 * staff in a realistic mix, its training as it stands on the demo date —
 * this fiscal year in progress, last year finished — written by the same
 * generator as the benchmark data (synthetic-city.ts), following the
 * product's own rules. Deterministic: the same seed and day give the same city.
 */
import type { CityOptions } from "./synthetic-city.ts";

export const DEMO_CITY_SECTIONS: Record<string, string[]> = {
  mayor: [
    "総務課",
    "職員課",
    "企画課",
    "財政課",
    "情報政策課",
    "市民課",
    "税務課",
    "収納課",
    "福祉課",
    "障害福祉課",
    "高齢福祉課",
    "子育て支援課",
    "保育課",
    "健康づくり課",
    "国保年金課",
    "環境政策課",
    "産業振興課",
    "観光課",
    "都市計画課",
    "道路課",
    "防災危機管理課",
    "広報課",
    "契約検査課",
    "会計課",
    "地域振興課",
    "生活安全課",
  ],
  waterworks: ["経営総務課", "給水課", "水道施設課", "下水道施設課"],
  council: ["議会総務課", "議事調査課"],
  "agriculture-committee": ["農地課"],
  audit: ["監査課"],
  "election-committee": ["選挙課"],
  "education-board": ["教育総務課", "学校教育課", "生涯学習課", "学務課", "教育指導課"],
  "education-institutions": [
    "本町小学校",
    "東小学校",
    "西小学校",
    "北小学校",
    "緑ヶ丘小学校",
    "南中学校",
    "北中学校",
    "中央中学校",
    "中央図書館",
    "東図書館",
    "市民会館",
    "少年自然の家",
  ],
  fire: ["消防総務課", "予防課", "警防課", "救急課", "指令課", "中央消防署", "東消防署"],
};

/** 職員番号 of the city's staff: 410001 onwards, apart from the demo logins' 1xxxxx–9xxxxx. */
export const demoCityEmployeeNumber = (index: number) => String(410_000 + index);

/** The city, apart from the day it is generated for. */
export const DEMO_CITY: Omit<CityOptions, "today" | "nowMs"> = {
  // With the ten demo logins, 1,900 staff: 常勤 ~1,100, 会計年度任用 ~650, 再任用 ~100, 特別職 ~50.
  staff: 1_890,
  employeeTypes: [
    ["regular", 1_100],
    ["fiscal-year", 650],
    ["reappointed", 100],
    ["special", 50],
  ],
  // Last year and this one: enough to compare the year with the last at the same date.
  fiscalYears: 2,
  // About two attempts per completion: some fail the first time, as people do.
  targetAttempts: 8_000,
  seed: "mamori-demo-city",
  sections: DEMO_CITY_SECTIONS,
  employeeNumber: demoCityEmployeeNumber,
  // They cannot sign in: the demo is seen through the ten named logins.
  password: null,
  hrAccounts: 2,
  adminAccounts: 1,
  // Last year finished almost everywhere; this year a few dozen late, the rest on the way to their deadlines.
  completion: { pastYears: 0.985, duePassed: 0.965, dueAhead: 0.72 },
  lateness: 0.55,
};
