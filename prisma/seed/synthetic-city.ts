/**
 * A synthetic city or prefecture, written straight into a SQLite database
 * through better-sqlite3 in transactions of about 10,000 rows — Prisma would
 * take hours for millions of rows. Who is assigned what comes from the
 * product's own rules (requiredAssignments over the synced tracks) and every
 * attempt is a real draw (drawQuestions) scored by the real scorer
 * (scoreAttempt), so the data is what Mamori itself would have stored.
 * Deterministic: one seeded PRNG drives every choice.
 *
 * Used by `npm run data:synthetic` (a prefecture for the benchmarks) and by
 * `npm run demo` (a city of about 1,900 staff, prisma/seed/demo-city.ts).
 * The database must already hold the migrations, base data and content
 * (db-setup); rows are added after whatever is there.
 *
 * A stored draw is a full snapshot of its questions (about 16 KB for 15
 * questions), so only the latest attempt of each current-year assignment
 * keeps its draw and responses; older attempts store `[]` and `{}`. Every
 * submitted attempt has its AttemptAnswer rows, counted into AnswerTally.
 */
import bcrypt from "bcryptjs";
import type Database from "better-sqlite3";
import type { Question, Track } from "~/domain/content/types.ts";
import { requiredAssignments, type RequiredAssignment, type StaffForRules } from "~/domain/assignment-rules.ts";
import { addDays, fiscalYearOf, fiscalYearRange } from "~/domain/fiscal-year.ts";
import { drawQuestions, scoreAttempt, seededRandom, type DrawnQuestion, type Responses } from "~/domain/quiz.ts";
import type { Role } from "~/domain/roles.ts";
import { staffSearchName } from "~/domain/name-search.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { addAnswersSql } from "~/services/answer-tallies.server.ts";
import { ORGANISATIONS } from "~/domain/base-data.ts";
import { startOfJapanDay } from "~/domain/japan-time.ts";

export type CityOptions = {
  /** Members of staff to add. */
  staff: number;
  /** Fiscal years of assignments, ending with today's. */
  fiscalYears: number;
  /** Quiz attempts to aim for; the share of failed attempts is derived from it. */
  targetAttempts: number;
  /** The PRNG's seed. */
  seed: string;
  /** Today in Japan (YYYY-MM-DD) and "now" as an instant (ms): nothing happens after it. */
  today: string;
  nowMs: number;
  /** Section names per organisation id; the default is a prefecture's worth. Existing sections of the same name are reused. */
  sections?: Record<string, string[]>;
  /** Employee types and their weights (default 60 常勤 : 25 会計年度任用 : 10 再任用 : 5 特別職). */
  employeeTypes?: readonly (readonly [string, number])[];
  /** The 職員番号 of the index-th person added (1-based). */
  employeeNumber?: (index: number) => string;
  /** Everyone's password (bcrypt cost 4), or null for people with none yet (as after a CSV import). */
  password?: string | null;
  /** The first person added becomes this HR login (職員番号), as the benchmarks need. */
  benchHr?: string;
  /** How many of the first people are HR and ADMIN (in 職員課 and 情報政策課). */
  hrAccounts?: number;
  adminAccounts?: number;
  /** Chance an assignment is completed: past years, current year past its due date, current year still running. */
  completion?: { pastYears: number; duePassed: number; dueAhead: number };
  /**
   * How completions spread over the time allowed: 1 evenly, below 1 towards
   * the deadline (as people do), which makes the cumulative line rise towards it.
   */
  lateness?: number;
  log?: (message: string) => void;
};

export type CityCounts = {
  staff: number;
  sections: number;
  assignments: number;
  completed: number;
  attempts: number;
  openAttempts: number;
  answers: number;
  tallies: number;
  pledges: number;
  readings: number;
};

const ROWS_PER_TRANSACTION = 10_000;

// ---------------------------------------------------------------- time

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** As Prisma writes DateTime into SQLite: ISO 8601 with "+00:00". */
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
/** 00:00 Japan time on a calendar day. */
const dayStart = (day: string) => startOfJapanDay(day).getTime();
const dayEnd = (day: string) => dayStart(day) + DAY_MS - 1;

// ---------------------------------------------------------------- the city

const SHARE_OF_STAFF: Record<string, number> = {
  mayor: 42,
  waterworks: 6,
  council: 1.5,
  "agriculture-committee": 1,
  audit: 1,
  "election-committee": 1,
  "education-board": 8,
  "education-institutions": 30,
  fire: 9.5,
};

const MUNICIPALITIES = [
  "若葉市",
  "桜台市",
  "青葉市",
  "緑川町",
  "東浜町",
  "北山村",
  "西原市",
  "南浦町",
  "中央市",
  "朝日町",
  "白樺村",
  "港南市",
];

const MAYOR_SECTIONS = [
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
  "廃棄物対策課",
  "産業振興課",
  "観光課",
  "農林課",
  "都市計画課",
  "建築指導課",
  "道路課",
  "公園課",
  "住宅課",
  "防災危機管理課",
  "広報課",
  "秘書課",
  "契約検査課",
  "会計課",
  "市民相談課",
  "地域振興課",
  "文化スポーツ課",
  "生活安全課",
  "戸籍住民課",
  "資産税課",
  "市民税課",
  "生活福祉課",
  "介護保険課",
  "都市整備課",
];

function sectionNames(organisationId: string): string[] {
  const perMunicipality = (names: string[], count: number) =>
    Array.from(
      { length: count },
      (_, i) =>
        `${MUNICIPALITIES[i % MUNICIPALITIES.length]} ${names[Math.floor(i / MUNICIPALITIES.length) % names.length]}`,
    );
  switch (organisationId) {
    case "mayor":
      return MAYOR_SECTIONS;
    case "waterworks":
      return [
        "経営総務課",
        "料金課",
        "水道施設課",
        "下水道施設課",
        "浄水管理課",
        "水質管理課",
        "配水課",
        "工務課",
        "計画課",
        "営業課",
        "給水課",
        "管路課",
      ];
    case "council":
      return perMunicipality(["議会事務局"], 10);
    case "agriculture-committee":
      return perMunicipality(["農業委員会事務局"], 10);
    case "audit":
      return perMunicipality(["監査委員事務局"], 10);
    case "election-committee":
      return perMunicipality(["選挙管理委員会事務局"], 10);
    case "education-board":
      return [
        "教育総務課",
        "学校教育課",
        "生涯学習課",
        "教育指導課",
        "学務課",
        "施設課",
        "保健給食課",
        "文化財課",
        "青少年課",
        "教育研究所",
        "スポーツ課",
        "図書館政策課",
        "人権教育課",
        "教職員課",
        "就学支援課",
        "社会教育課",
        "特別支援教育課",
        "ICT教育推進課",
        "学校安全課",
        "教育企画課",
      ];
    case "education-institutions": {
      const schools: string[] = [];
      for (const city of MUNICIPALITIES) {
        for (const n of ["第一", "第二", "第三", "第四", "第五", "第六", "第七"]) schools.push(`${city}立${n}小学校`);
        for (const n of ["第一", "第二", "第三"]) schools.push(`${city}立${n}中学校`);
        schools.push(`${city}立図書館`, `${city}公民館`);
      }
      return schools;
    }
    case "fire":
      return [
        "消防総務課",
        "予防課",
        "警防課",
        "救急課",
        "指令課",
        "消防団課",
        ...MUNICIPALITIES.flatMap((c) => [`${c}消防署`, `${c}消防署 出張所`]).slice(0, 20),
      ];
    default:
      return ["総務課"];
  }
}

const FAMILY = [
  ["佐藤", "サトウ"],
  ["鈴木", "スズキ"],
  ["高橋", "タカハシ"],
  ["田中", "タナカ"],
  ["伊藤", "イトウ"],
  ["渡辺", "ワタナベ"],
  ["山本", "ヤマモト"],
  ["中村", "ナカムラ"],
  ["小林", "コバヤシ"],
  ["加藤", "カトウ"],
  ["吉田", "ヨシダ"],
  ["山田", "ヤマダ"],
  ["佐々木", "ササキ"],
  ["山口", "ヤマグチ"],
  ["松本", "マツモト"],
  ["井上", "イノウエ"],
  ["木村", "キムラ"],
  ["林", "ハヤシ"],
  ["斎藤", "サイトウ"],
  ["清水", "シミズ"],
  ["山崎", "ヤマザキ"],
  ["森", "モリ"],
  ["池田", "イケダ"],
  ["橋本", "ハシモト"],
  ["阿部", "アベ"],
  ["石川", "イシカワ"],
  ["山下", "ヤマシタ"],
  ["中島", "ナカジマ"],
  ["石井", "イシイ"],
  ["小川", "オガワ"],
] as const;
const GIVEN = [
  ["花子", "ハナコ"],
  ["健", "ケン"],
  ["美咲", "ミサキ"],
  ["一郎", "イチロウ"],
  ["大輔", "ダイスケ"],
  ["さくら", "サクラ"],
  ["誠", "マコト"],
  ["直美", "ナオミ"],
  ["由美", "ユミ"],
  ["剛", "ツヨシ"],
  ["翔太", "ショウタ"],
  ["陽菜", "ヒナ"],
  ["拓也", "タクヤ"],
  ["優子", "ユウコ"],
  ["大翔", "ヒロト"],
  ["結衣", "ユイ"],
  ["浩二", "コウジ"],
  ["恵", "メグミ"],
  ["隆", "タカシ"],
  ["明美", "アケミ"],
  ["蓮", "レン"],
  ["葵", "アオイ"],
  ["和也", "カズヤ"],
  ["真由美", "マユミ"],
  ["修", "オサム"],
  ["久美子", "クミコ"],
  ["悠斗", "ユウト"],
  ["彩", "アヤ"],
  ["哲也", "テツヤ"],
  ["智子", "トモコ"],
] as const;

type SyntheticStaff = {
  id: number;
  employeeNumber: string;
  organisationId: string;
  sectionId: number;
  employeeTypeCode: string;
  role: Role;
  startDate: string;
  appointmentStart: string | null;
  appointmentEnd: string | null;
  active: boolean;
};

// Ten characters of the certificate alphabet, scrambled from the id: unique, and unlike the app's random codes.
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_SPACE = 31n ** 10n;
function certificateCode(assignmentId: number): string {
  let n = (BigInt(assignmentId) * 48_271_029_841n + 7_919n) % CODE_SPACE;
  let chars = "";
  for (let i = 0; i < 10; i++) {
    chars += CODE_ALPHABET[Number(n % 31n)];
    n /= 31n;
  }
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** Adds a synthetic city's sections, staff and their training history to `db`; returns what it wrote. */
export function generateCity(db: Database.Database, options: CityOptions): CityCounts {
  const STAFF = options.staff;
  const FISCAL_YEARS = options.fiscalYears;
  const TARGET_ATTEMPTS = options.targetAttempts;
  const SEED = options.seed;
  const TODAY = options.today;
  const CURRENT_FY = fiscalYearOf(TODAY);
  const NOW_MS = options.nowMs;
  const FIRST_FY = CURRENT_FY - FISCAL_YEARS + 1;
  const HR_ACCOUNTS = options.hrAccounts ?? 20;
  const ADMIN_ACCOUNTS = options.adminAccounts ?? 5;
  const COMPLETION = options.completion ?? { pastYears: 0.9, duePassed: 0.8, dueAhead: 0.52 };
  const LATENESS = options.lateness ?? 1;
  const log = options.log ?? (() => {});
  const maxId = (table: string) =>
    (db.prepare(`SELECT COALESCE(MAX("id"), 0) AS "id" FROM "${table}"`).get() as { id: number }).id;
  const staffIdBefore = maxId("Staff");
  const attemptIdBefore = maxId("QuizAttempt");
  // Parents are written before their children; checking each of millions of rows' parent only costs time here.
  db.pragma("foreign_keys = OFF");

  // ---------------------------------------------------------------- randomness

  const random = seededRandom(SEED);
  const chance = (p: number) => random() < p;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  function pick<T>(items: readonly T[]): T {
    return items[Math.floor(random() * items.length)]!;
  }
  function weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let r = random() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items.at(-1)![0];
  }
  /** Failures before a success, with the given chance of failing each time, at most `cap`. */
  function failures(pFail: number, cap: number): number {
    let n = 0;
    while (n < cap && chance(pFail)) n++;
    return n;
  }

  /** A day within the calendar year, mostly 1 April (the usual 採用日). */
  function hiringDay(year: number): string {
    if (chance(0.8)) return `${year}-04-01`;
    return addDays(`${year}-01-01`, between(0, 364));
  }

  /** Nobody starts after today: a day still to come moves back a year. */
  function notAfterToday(day: string): string {
    return day > TODAY ? `${Number(day.slice(0, 4)) - 1}${day.slice(4)}` : day;
  }

  const releaseId = (db.prepare(`SELECT MAX("id") AS "id" FROM "ContentRelease"`).get() as { id: number }).id;
  const tracks = (
    db.prepare(`SELECT "definition" FROM "Track" WHERE "retired" = 0 ORDER BY "sortOrder"`).all() as {
      definition: string;
    }[]
  ).map((row) => JSON.parse(row.definition) as Track);
  const questions = (
    db.prepare(`SELECT * FROM "Question" WHERE "retired" = 0 ORDER BY "sortOrder"`).all() as {
      id: string;
      moduleSlug: string;
      type: Question["type"];
      prompt: string;
      choices: string;
      answer: string;
      explanation: string;
      clauseId: string;
    }[]
  ).map((r): Question => ({
    id: r.id,
    moduleSlug: r.moduleSlug,
    type: r.type,
    prompt: r.prompt,
    choices: JSON.parse(r.choices) as Question["choices"],
    answer: JSON.parse(r.answer) as string[],
    explanation: r.explanation,
    clause: r.clauseId,
  }));
  const clause4 = db.prepare(`SELECT "text" FROM "Clause" WHERE "id" = '4'`).get() as { text: string } | undefined;
  // The city's pledge wording lives in its settings (seeded from content/city.yaml by db:setup).
  const city = db.prepare(`SELECT "pledgeWording" FROM "CitySettings"`).get() as { pledgeWording: string } | undefined;
  const pledgeText = `${clause4?.text ?? ""}\n\n${city?.pledgeWording ?? ""}`;
  const trackById = new Map(tracks.map((track) => [track.id, track]));
  const banksByTrack = new Map(
    tracks.map((track) => [
      track.id,
      track.modules.map((moduleSlug) => ({
        moduleSlug,
        questions: questions.filter((q) => q.moduleSlug === moduleSlug),
      })),
    ]),
  );

  // How easy each question is: a few clauses are clearly harder, so item analysis has something to find.
  const clauseIds = [...new Set(questions.map((q) => q.clause))].sort();
  const hardClauses = new Set(clauseIds.filter(() => chance(0.18)));
  const ease = new Map(
    questions.map((q) => [q.id, Math.min(0.98, (hardClauses.has(q.clause) ? 0.6 : 0.88) + (random() - 0.5) * 0.14)]),
  );

  // ---------------------------------------------------------------- sections and staff

  const insertSection = db.prepare(`INSERT INTO "Section" ("id", "organisationId", "name") VALUES (?, ?, ?)`);
  const existingSection = db.prepare(`SELECT "id" FROM "Section" WHERE "organisationId" = ? AND "name" = ?`);
  const sectionsOf = new Map<string, { id: number; name: string }[]>();
  let sectionId = maxId("Section");
  let sectionsAdded = 0;
  db.transaction(() => {
    for (const organisation of ORGANISATIONS) {
      const names = options.sections?.[organisation.id] ?? sectionNames(organisation.id);
      const list = names.map((name) => {
        const found = existingSection.get(organisation.id, name) as { id: number } | undefined;
        if (found) return { id: found.id, name };
        insertSection.run(++sectionId, organisation.id, name);
        sectionsAdded++;
        return { id: sectionId, name };
      });
      sectionsOf.set(organisation.id, list);
    }
  })();
  const sectionNamed = (organisationId: string, name: string) =>
    sectionsOf.get(organisationId)!.find((s) => s.name === name)!.id;

  const passwordHash = options.password ? bcrypt.hashSync(options.password, 4) : null;
  const insertStaff =
    db.prepare(`INSERT INTO "Staff" ("id", "employeeNumber", "name", "nameKana", "searchName", "organisationId",
    "sectionId", "employeeTypeCode", "role", "startDate", "appointmentStart", "appointmentEnd", "email", "active",
    "sessionVersion", "failedLogins", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)`);
  const insertPassword = db.prepare(
    `INSERT INTO "Password" ("staffId", "hash", "mustChange", "updatedAt") VALUES (?, ?, 0, ?)`,
  );

  const organisationWeights = ORGANISATIONS.map((o) => [o.id, SHARE_OF_STAFF[o.id] ?? 1] as const);
  const thisYear = Number(TODAY.slice(0, 4));

  function makeStaff(index: number): SyntheticStaff {
    const id = staffIdBefore + index;
    const bench = options.benchHr !== undefined && index === 1;
    const organisationId = bench ? "mayor" : weighted(organisationWeights);
    const employeeTypeCode = bench
      ? "regular"
      : weighted(
          options.employeeTypes ?? [
            ["regular", 60],
            ["fiscal-year", 25],
            ["reappointed", 10],
            ["special", 5],
          ],
        );
    let role: Role = "LEARNER";
    if (bench) role = "HR";
    else if (index <= 1 + HR_ACCOUNTS) role = "HR";
    else if (index <= 1 + HR_ACCOUNTS + ADMIN_ACCOUNTS) role = "ADMIN";
    else if (chance(0.02)) role = "MANAGER";
    const sections = sectionsOf.get(organisationId)!;
    const section =
      role === "HR"
        ? sectionNamed("mayor", "職員課")
        : role === "ADMIN"
          ? sectionNamed("mayor", "情報政策課")
          : pick(sections).id;
    const active = bench || role === "HR" || role === "ADMIN" ? true : !chance(0.03);

    let startDate: string;
    switch (employeeTypeCode) {
      case "reappointed":
        startDate = hiringDay(thisYear - between(31, 42));
        break;
      case "fiscal-year":
      case "special":
        startDate = hiringDay(thisYear - between(0, 8));
        break;
      default:
        startDate = hiringDay(thisYear - between(0, 39));
    }
    startDate = notAfterToday(startDate);
    let appointmentStart: string | null = null;
    let appointmentEnd: string | null = null;
    if (employeeTypeCode === "fiscal-year") {
      // One appointment per fiscal year; someone who left had their last one end in March.
      const fy = active ? CURRENT_FY : Math.max(fiscalYearOf(startDate), CURRENT_FY - 1);
      appointmentStart = fiscalYearOf(startDate) === fy ? startDate : fiscalYearRange(fy).start;
      appointmentEnd = fiscalYearRange(fy).end;
    }
    return {
      id,
      employeeNumber: bench ? options.benchHr! : (options.employeeNumber?.(index) ?? String(100_000 + index - 1)),
      organisationId: role === "HR" || role === "ADMIN" ? "mayor" : organisationId,
      sectionId: section,
      employeeTypeCode,
      role,
      startDate,
      appointmentStart,
      appointmentEnd,
      active,
    };
  }

  log(`writing ${STAFF} staff`);
  const staff: SyntheticStaff[] = [];
  {
    let rows = 0;
    db.exec("BEGIN");
    for (let index = 1; index <= STAFF; index++) {
      const person = makeStaff(index);
      const bench = options.benchHr !== undefined && index === 1;
      staff.push(person);
      const [family, familyKana] = bench ? ["渡辺", "ワタナベ"] : pick(FAMILY);
      const [given, givenKana] = bench ? ["剛", "ツヨシ"] : pick(GIVEN);
      const created = iso(Math.min(NOW_MS, dayStart(person.startDate) + 9 * HOUR_MS));
      insertStaff.run(
        person.id,
        person.employeeNumber,
        `${family} ${given}`,
        `${familyKana} ${givenKana}`,
        staffSearchName({ name: `${family} ${given}`, nameKana: `${familyKana} ${givenKana}` }),
        person.organisationId,
        person.sectionId,
        person.employeeTypeCode,
        person.role,
        person.startDate,
        person.appointmentStart,
        person.appointmentEnd,
        chance(0.85) ? `s${person.employeeNumber}@pref.example.lg.jp` : null,
        person.active ? 1 : 0,
        created,
        created,
      );
      if (passwordHash) insertPassword.run(person.id, passwordHash, created);
      rows += 2;
      if (rows >= ROWS_PER_TRANSACTION) {
        db.exec("COMMIT; BEGIN");
        rows = 0;
      }
    }
    db.exec("COMMIT");
  }

  // ---------------------------------------------------------------- what the rules require

  /** The person as they stood in `fiscalYear`, or null if they had not started yet. */
  function asInYear(person: SyntheticStaff, fiscalYear: number): StaffForRules | null {
    if (fiscalYearOf(person.startDate) > fiscalYear) return null;
    const current = fiscalYear === CURRENT_FY;
    let appointmentStart = person.appointmentStart;
    let appointmentEnd = person.appointmentEnd;
    if (person.employeeTypeCode === "fiscal-year" && !current) {
      appointmentStart =
        fiscalYearOf(person.startDate) === fiscalYear ? person.startDate : fiscalYearRange(fiscalYear).start;
      appointmentEnd = fiscalYearRange(fiscalYear).end;
    }
    return {
      employeeTypeCode: person.employeeTypeCode,
      role: person.role,
      // Synthetic staff hold no 担当: the duty tracks are a handful of people in a real city.
      duties: [],
      startDate: person.startDate,
      appointmentStart,
      appointmentEnd,
      // Those who have left were in post in the years before.
      active: current ? person.active : true,
    };
  }

  /** The day the assignments were created: the rollover on 1 April, or the day a newcomer was imported. */
  function creationDay(person: SyntheticStaff, fiscalYear: number): string {
    const yearStart = fiscalYearRange(fiscalYear).start;
    return person.startDate > yearStart ? person.startDate : yearStart;
  }

  function required(person: SyntheticStaff, fiscalYear: number): RequiredAssignment[] {
    const asThen = asInYear(person, fiscalYear);
    if (!asThen) return [];
    return requiredAssignments(asThen, tracks, fiscalYear, creationDay(person, fiscalYear));
  }

  /** The chance that an assignment is completed: most of past years, part of the current one. */
  function completionChance(fiscalYear: number, dueDate: string): number {
    if (fiscalYear < CURRENT_FY) return COMPLETION.pastYears;
    return dueDate < TODAY ? COMPLETION.duePassed : COMPLETION.dueAhead;
  }

  // A first pass over the rules, to size the share of failed attempts that
  // reaches the target number of attempts: completed assignments take
  // failures + 1 attempts, started incomplete ones take failures + 1 failed.
  let expectedCompleted = 0;
  let expectedStarted = 0;
  for (let fy = FIRST_FY; fy <= CURRENT_FY; fy++) {
    for (const person of staff) {
      for (const r of required(person, fy)) {
        const p = completionChance(fy, r.dueDate);
        expectedCompleted += p;
        expectedStarted += (1 - p) * 0.4;
      }
    }
  }
  // Expected attempts = completed·(1 + r) + started·(1 + r), r = p/(1-p) the mean failures.
  const ratio = Math.max(0, TARGET_ATTEMPTS / Math.max(1, expectedCompleted + expectedStarted) - 1);
  const P_FAIL = Math.min(0.85, ratio / (1 + ratio));
  const MAX_FAILURES = 8;
  log(
    `target ${TARGET_ATTEMPTS} attempts: ${Math.round(expectedCompleted)} completions expected, each attempt fails with p=${P_FAIL.toFixed(3)}`,
  );

  // ---------------------------------------------------------------- assignments, attempts, answers

  const insertAssignment =
    db.prepare(`INSERT INTO "Assignment" ("id", "staffId", "trackId", "cycleKey", "fiscalYear", "dueDate",
    "createdAt", "startedAt", "completedAt", "completedReleaseId", "certificateCode") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertAttempt =
    db.prepare(`INSERT INTO "QuizAttempt" ("id", "assignmentId", "staffId", "releaseId", "draw", "responses",
    "passPercent", "total", "openFor", "startedAt", "submittedAt", "correct", "percent", "passed")
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertAnswer =
    db.prepare(`INSERT INTO "AttemptAnswer" ("id", "attemptId", "questionId", "clauseId", "correct", "chosen")
    VALUES (?, ?, ?, ?, ?, ?)`);
  const insertPledge = db.prepare(
    `INSERT INTO "Pledge" ("assignmentId", "staffId", "releaseId", "text", "signedAt") VALUES (?, ?, ?, ?, ?)`,
  );
  const insertReading = db.prepare(
    `INSERT INTO "ModuleReading" ("assignmentId", "moduleSlug", "releaseId", "readAt") VALUES (?, ?, ?, ?)`,
  );

  const counts = {
    assignments: 0,
    completed: 0,
    attempts: 0,
    openAttempts: 0,
    answers: 0,
    tallies: 0,
    pledges: 0,
    readings: 0,
  };
  let pendingRows = 0;
  function wrote(rows: number) {
    pendingRows += rows;
    if (pendingRows >= ROWS_PER_TRANSACTION) {
      db.exec("COMMIT; BEGIN");
      pendingRows = 0;
    }
  }

  /** A wrong answer to a question, as a person might give it. */
  function wrongAnswer(question: DrawnQuestion): string[] {
    const answer = new Set(question.answer);
    const wrong = question.choices.map((c) => c.id).filter((id) => !answer.has(id));
    if (question.type === "multiple") {
      if (question.answer.length > 1 && (wrong.length === 0 || chance(0.5)))
        return question.answer.filter((_, i) => i !== 0);
      return [...question.answer, pick(wrong)];
    }
    return [pick(wrong)];
  }

  /** Responses that pass (or fail) the attempt, with the harder questions more often wrong. */
  function respond(draw: DrawnQuestion[], passPercent: number, pass: boolean): Responses {
    const need = Math.ceil((passPercent * draw.length) / 100);
    const right = draw.map((q) => chance(Math.min(0.99, (ease.get(q.questionId) ?? 0.8) * (pass ? 1.06 : 0.82))));
    let correct = right.filter(Boolean).length;
    // Bring the score over (or under) the pass mark by the questions most (or least) likely to be right.
    const order = draw
      .map((q, i) => ({ i, e: ease.get(q.questionId) ?? 0.8 }))
      .sort((a, b) => (pass ? b.e - a.e : a.e - b.e));
    for (const { i } of order) {
      if (pass ? correct >= need : correct < need) break;
      if (right[i] !== !pass) continue;
      right[i] = pass;
      correct += pass ? 1 : -1;
    }
    const responses: Record<string, string[]> = {};
    draw.forEach((q, i) => {
      responses[q.questionId] = right[i] ? [...q.answer] : wrongAnswer(q);
    });
    return responses;
  }

  let assignmentId = maxId("Assignment");
  let attemptId = attemptIdBefore;
  let answerId = maxId("AttemptAnswer");

  /** Writes one attempt: submitted (scored, with answers) or open. */
  function writeAttempt(
    a: { id: number; staffId: number; track: Track; keepDraw: boolean },
    startMs: number,
    submittedMs: number,
    outcome: "pass" | "fail" | "open",
  ): void {
    const id = ++attemptId;
    const { track } = a;
    const draw = drawQuestions(
      banksByTrack.get(track.id)!,
      track.quiz.questions,
      seededRandom(`${SEED}:attempt:${id}`),
    );
    const keep = a.keepDraw || outcome === "open";
    const drawJson = keep ? JSON.stringify(draw) : "[]";
    if (outcome === "open") {
      insertAttempt.run(
        id,
        a.id,
        a.staffId,
        releaseId,
        drawJson,
        "{}",
        track.quiz.passPercent,
        draw.length,
        a.id,
        iso(startMs),
        null,
        null,
        null,
        null,
      );
      counts.openAttempts++;
      wrote(1);
      return;
    }
    const responses = respond(draw, track.quiz.passPercent, outcome === "pass");
    const score = scoreAttempt(draw, responses, track.quiz.passPercent);
    if (score.passed !== (outcome === "pass"))
      throw new Error(`attempt ${id}: meant to ${outcome}, scored ${score.percent}%`);
    insertAttempt.run(
      id,
      a.id,
      a.staffId,
      releaseId,
      drawJson,
      keep ? JSON.stringify(Object.fromEntries(score.results.map((r) => [r.questionId, r.chosen]))) : "{}",
      track.quiz.passPercent,
      score.total,
      null,
      iso(startMs),
      iso(submittedMs),
      score.correct,
      score.percent,
      score.passed ? 1 : 0,
    );
    score.results.forEach((result, i) => {
      insertAnswer.run(
        ++answerId,
        id,
        result.questionId,
        draw[i]!.clause,
        result.correct ? 1 : 0,
        JSON.stringify(result.chosen),
      );
    });
    counts.attempts++;
    counts.answers += score.results.length;
    wrote(1 + score.results.length);
  }

  function writeAssignment(person: SyntheticStaff, r: RequiredAssignment, createdDay: string): void {
    const track = trackById.get(r.trackId)!;
    const id = ++assignmentId;
    const current = r.fiscalYear === CURRENT_FY;
    const createdMs = Math.min(NOW_MS - HOUR_MS, dayStart(createdDay) + 9 * HOUR_MS + between(0, 120) * 60_000);
    const dueMs = dayEnd(r.dueDate);
    const yearEndMs = dayEnd(fiscalYearRange(r.fiscalYear).end);
    const horizon = Math.min(current ? NOW_MS : yearEndMs, dueMs + 45 * DAY_MS);
    const canFinish = horizon - createdMs > 3 * HOUR_MS;
    const completed = canFinish && chance(completionChance(r.fiscalYear, r.dueDate));
    const startedIncomplete = !completed && canFinish && chance(0.4);
    const keepDraw = current;

    let completedMs: number | null = null;
    let firstStepMs: number | null = null;
    if (completed) {
      // Most finish by the due date; some are late.
      const onTimeEnd = Math.min(horizon, dueMs);
      const earliest = createdMs + 2 * HOUR_MS;
      completedMs =
        onTimeEnd > earliest && chance(0.85)
          ? earliest + random() ** LATENESS * (onTimeEnd - earliest)
          : earliest + random() * (horizon - earliest);
    }
    const activityEnd =
      completedMs ??
      (startedIncomplete ? createdMs + 2 * HOUR_MS + random() * (horizon - createdMs - 2 * HOUR_MS) : null);

    // Attempts: failed ones spread before the last, which passes (completed) or fails or stays open (started).
    // The last attempt is submitted at activityEnd (less the pledge's minute or two); each takes 4–25 minutes.
    const attemptPlan: { at: number; submitted: number; outcome: "pass" | "fail" | "open" }[] = [];
    if (activityEnd !== null) {
      const failed = completed ? failures(P_FAIL, MAX_FAILURES) : 1 + failures(P_FAIL, MAX_FAILURES - 1);
      const lastSubmitted = activityEnd - (track.pledge && completed ? between(1, 3) * 60_000 : 0);
      const lastAt = lastSubmitted - between(4, 25) * 60_000;
      const span = Math.max(0, lastAt - createdMs - HOUR_MS - 30 * 60_000);
      const times = Array.from({ length: failed }, () => createdMs + HOUR_MS + random() * span).sort((x, y) => x - y);
      for (const at of times) attemptPlan.push({ at, submitted: at + between(4, 25) * 60_000, outcome: "fail" });
      if (completed) attemptPlan.push({ at: lastAt, submitted: lastSubmitted, outcome: "pass" });
      else if (current && chance(0.1)) attemptPlan.push({ at: lastAt, submitted: lastSubmitted, outcome: "open" });
      // A reading-only start: no attempt yet.
      if (!completed && track.reading === "required" && chance(0.5)) attemptPlan.length = 0;
    }
    const readingTimes: number[] = [];
    if (track.reading === "required" && activityEnd !== null) {
      // The quiz unlocks only when every module is read; someone reading may have stopped half-way.
      const firstAttempt = attemptPlan[0]?.at ?? activityEnd;
      const readCount = attemptPlan.length > 0 ? track.modules.length : between(1, track.modules.length - 1);
      for (let i = 0; i < readCount; i++) {
        readingTimes.push(createdMs + ((firstAttempt - createdMs) * (i + 1)) / (readCount + 1));
      }
    }
    firstStepMs = readingTimes[0] ?? attemptPlan[0]?.at ?? null;

    insertAssignment.run(
      id,
      person.id,
      r.trackId,
      r.cycleKey,
      r.fiscalYear,
      r.dueDate,
      iso(createdMs),
      firstStepMs === null ? null : iso(firstStepMs),
      completedMs === null ? null : iso(completedMs),
      completed ? releaseId : null,
      completed ? certificateCode(id) : null,
    );
    counts.assignments++;
    if (completed) counts.completed++;
    wrote(1);
    readingTimes.forEach((at, i) => {
      insertReading.run(id, track.modules[i]!, releaseId, iso(at));
      counts.readings++;
    });
    wrote(readingTimes.length);
    attemptPlan.forEach((plan, i) => {
      // Only the latest attempt of a current-year assignment keeps its (16 KB) draw.
      writeAttempt(
        { id, staffId: person.id, track, keepDraw: keepDraw && i === attemptPlan.length - 1 },
        plan.at,
        plan.submitted,
        plan.outcome,
      );
    });
    if (completed && track.pledge) {
      insertPledge.run(id, person.id, releaseId, pledgeText, iso(completedMs!));
      counts.pledges++;
      wrote(1);
    }
  }

  // Year by year, as the rollovers would have created them, so each year's rows sit together.
  db.exec("BEGIN");
  for (let fy = FIRST_FY; fy <= CURRENT_FY; fy++) {
    const step = Math.max(1, Math.floor(staff.length / 5));
    for (let i = 0; i < staff.length; i++) {
      const person = staff[i]!;
      const day = creationDay(person, fy);
      for (const r of required(person, fy)) writeAssignment(person, r, day);
      if ((i + 1) % step === 0 || i + 1 === staff.length) {
        log(
          `FY${fy}: ${i + 1}/${staff.length} staff — ${counts.assignments} assignments, ${counts.attempts} attempts, ${counts.answers} answers`,
        );
      }
    }
  }
  db.exec("COMMIT");

  log("counting the answers into the item analysis tallies");
  const tally = addAnswersSql(Prisma.sql`"QuizAttempt"."id" > ${attemptIdBefore}`, 1);
  db.prepare(tally.sql).run(...tally.values);
  counts.tallies = (db.prepare(`SELECT COUNT(*) AS "n" FROM "AnswerTally"`).get() as { n: number }).n;

  db.pragma("foreign_keys = ON");
  return { staff: STAFF, sections: sectionsAdded, ...counts };
}
