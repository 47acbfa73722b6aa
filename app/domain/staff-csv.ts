import { CsvError, parse } from "csv-parse";
import { Readable } from "node:stream";
import { normaliseEmployeeNumber } from "~/domain/employee-number.ts";
import { parseJapaneseDate } from "~/domain/japanese-date.ts";
import { DUTIES, DUTY_LABELS, formatDuties, readDutiesCell } from "~/domain/duties.ts";
import type { AuthSource } from "~/domain/ldap.ts";
import type { Role } from "~/domain/roles.ts";
import { appointmentProblem, EMAIL, EMPLOYEE_NUMBER } from "~/domain/staff-record.ts";
import { eventLoopPauser } from "~/lib/event-loop.ts";

export type CsvEncoding = "utf-8" | "utf-8-bom" | "shift_jis";

/** Bytes decoded at a time: decoding a 20 MB file in one call held the thread for 0.6 s. */
const DECODE_SLICE = 1 << 20;

/**
 * Reads an uploaded CSV whatever Excel or the personnel system saved it as:
 * UTF-8 with a BOM, plain UTF-8, or otherwise Shift_JIS (CP932, which the
 * WHATWG "shift_jis" decoder implements, NEC and IBM extensions included).
 * Decoded a slice at a time, letting other requests in between.
 */
export async function decodeCsv(bytes: Uint8Array): Promise<{ text: string; encoding: CsvEncoding }> {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: await decodeInSlices(new TextDecoder("utf-8"), bytes.subarray(3)), encoding: "utf-8-bom" };
  }
  try {
    return { text: await decodeInSlices(new TextDecoder("utf-8", { fatal: true }), bytes), encoding: "utf-8" };
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return { text: await decodeInSlices(new TextDecoder("shift_jis"), bytes), encoding: "shift_jis" };
  }
}

async function decodeInSlices(decoder: TextDecoder, bytes: Uint8Array): Promise<string> {
  const pause = eventLoopPauser();
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += DECODE_SLICE) {
    parts.push(decoder.decode(bytes.subarray(at, at + DECODE_SLICE), { stream: true }));
    await pause();
  }
  parts.push(decoder.decode());
  return parts.join("");
}

/**
 * Problems are listed up to this many, in line order, and the rest only
 * counted: a file of a million bad rows made a 40 MB page and ran the
 * server out of memory. The first hundred show the operator what is wrong.
 */
export const MAX_LISTED_PROBLEMS = 100;

/** The most staff rows a file may hold: a prefecture's 100,000 staff twice over, and a bound on memory. */
export const MAX_STAFF_ROWS = 200_000;

/** A file's problems: the first MAX_LISTED_PROBLEMS by line, and how many there are in all. */
export class ProblemList {
  readonly listed: ImportProblem[] = [];
  count = 0;

  add(problem: ImportProblem): void {
    this.count++;
    const { listed } = this;
    if (listed.length === MAX_LISTED_PROBLEMS && problem.line >= listed[listed.length - 1]!.line) return;
    // Problems mostly come in line order: the place is found from the end. Equal lines keep their order.
    let at = listed.length;
    while (at > 0 && listed[at - 1]!.line > problem.line) at--;
    listed.splice(at, 0, problem);
    if (listed.length > MAX_LISTED_PROBLEMS) listed.pop();
  }
}

/** One member of staff from the file, checked and resolved against the database's lookups. */
export type StaffImportRow = {
  /** The line of the file on which this record starts; the header is line 1. */
  line: number;
  employeeNumber: string;
  name: string;
  nameKana: string;
  organisationId: string;
  sectionName: string | null;
  employeeTypeCode: string;
  role: Role;
  /**
   * 担当 in the stored form (formatDuties); null when the file has no 担当
   * column, so that a personnel system's export without it keeps the duties
   * HR set by hand.
   */
  duties: string | null;
  startDate: string;
  appointmentStart: string | null;
  appointmentEnd: string | null;
  active: boolean;
  /** For reminders; optional. */
  email: string | null;
  /** How the person signs in; unset keeps what Mamori has (a new person gets LOCAL). */
  authSource?: AuthSource;
};

/** What is wrong with one cell (or, with line 1, with the header); the message is for the operator, in Japanese. */
export type ImportProblem = {
  line: number;
  column: string;
  message: string;
  /** Where the row came from when not from a file: the directory entry's DN. */
  entry?: string;
};

export type StaffCsvLookups = {
  organisations: { id: string; name: string }[];
  employeeTypes: { code: string; name: string; hasAppointmentPeriod: boolean }[];
};

export const STAFF_CSV_COLUMNS = [
  "職員番号",
  "氏名",
  "氏名カナ",
  "所属",
  "課",
  "任用形態",
  "役割",
  "採用日",
  "任用開始日",
  "任用終了日",
  "在職",
  "メールアドレス",
  "担当",
  "ログイン方法",
] as const;

export type StaffCsvColumn = (typeof STAFF_CSV_COLUMNS)[number];

const REQUIRED_COLUMNS: readonly StaffCsvColumn[] = ["職員番号", "氏名", "所属", "任用形態", "採用日"];

const MAX_NAME_LENGTH = 100;
/** The longest cell read: a name is at most MAX_NAME_LENGTH, a mail address 254, 担当 a few labels. */
export const MAX_CELL_CHARS = 1000;
const DATE_FORMATS_HINT = "2026-04-01、2026/4/1、令和8年4月1日 の形式で入力してください";

/** 役割 as the personnel system or a person writes it: the Japanese label or Mamori's code. */
const ROLE_BY_LABEL = new Map<string, Role>([
  ["職員", "LEARNER"],
  ["情報セキュリティ管理者", "MANAGER"],
  ["研修担当", "HR"],
  ["システム管理者", "ADMIN"],
  ["LEARNER", "LEARNER"],
  ["MANAGER", "MANAGER"],
  ["HR", "HR"],
  ["ADMIN", "ADMIN"],
]);

/** ログイン方法: a Mamori password, or the city's directory (README "Signing in with the city's directory"). */
const AUTH_SOURCE_BY_LABEL = new Map<string, AuthSource>([
  ["パスワード", "LOCAL"],
  ["LOCAL", "LOCAL"],
  ["ディレクトリ", "DIRECTORY"],
  ["DIRECTORY", "DIRECTORY"],
]);

const ACTIVE_BY_LABEL = new Map<string, boolean>([
  ["1", true],
  ["0", false],
  ["在職", true],
  ["退職", false],
  ["TRUE", true],
  ["FALSE", false],
]);

/** A header line and one example row, for operators to fill in; the route serving it should prepend a BOM so that Excel opens it as UTF-8. */
export function staffCsvTemplate(): string {
  // Keyed by column, so that the example cannot lose step with the header.
  const example: Record<StaffCsvColumn, string> = {
    職員番号: "100001",
    氏名: "山田 花子",
    氏名カナ: "ヤマダ ハナコ",
    所属: "市長部局",
    課: "市民課",
    任用形態: "会計年度任用職員",
    役割: "職員",
    採用日: "2026/4/1",
    任用開始日: "2026/4/1",
    任用終了日: "2027/3/31",
    在職: "1",
    メールアドレス: "",
    // Blank for most people; 情報システム担当 or 幹部職員 (several with 、) for those with a course of their own.
    担当: "",
    // Blank keeps Mamori's own password; ディレクトリ for people who sign in with the city's directory.
    ログイン方法: "",
  };
  return `${STAFF_CSV_COLUMNS.join(",")}\r\n${STAFF_CSV_COLUMNS.map((column) => example[column]).join(",")}\r\n`;
}

/**
 * Turns the personnel system's staff export into rows ready to save, and
 * collects the file's problems so the operator can fix them in one go
 * (the first MAX_LISTED_PROBLEMS returned; `problems` counts them all).
 * The file is parsed a record at a time, keeping only the valid rows, with
 * pauses that let other requests in.
 */
export async function parseStaffCsv(
  text: string,
  lookups: StaffCsvLookups,
  problems = new ProblemList(),
): Promise<{ rows: StaffImportRow[]; problems: ImportProblem[] }> {
  const rows: StaffImportRow[] = [];
  const done = () => ({ rows, problems: problems.listed });
  const pause = eventLoopPauser();
  const firstLineOfEmployeeNumber = new Map<string, number>();
  const resolve = lookupsByKey(lookups);
  let columns: { indexes: [StaffCsvColumn, number][]; hasDuties: boolean } | null = null;
  let records = 0;
  try {
    for await (const { line, cells } of csvRecords(text)) {
      if (!columns) {
        const found = findColumns({ line, cells });
        if ("problems" in found) {
          for (const problem of found.problems) problems.add(problem);
          return done();
        }
        columns = { indexes: [...found.indexes], hasDuties: found.indexes.has("担当") };
        continue;
      }
      if (++records > MAX_STAFF_ROWS) {
        problems.add({
          line,
          column: "",
          message: `職員は${MAX_STAFF_ROWS.toLocaleString("ja-JP")}行までです。ファイルを分けて取り込んでください`,
        });
        return done();
      }
      const byName: Partial<Record<StaffCsvColumn, string>> = {};
      for (const [column, index] of columns.indexes) byName[column] = cells[index] ?? "";
      const result = readStaffRow(
        line,
        (column) => byName[column] ?? "",
        columns.hasDuties,
        resolve,
        firstLineOfEmployeeNumber,
      );
      for (const problem of result.problems) problems.add(problem);
      if (result.problems.length === 0 && result.row) rows.push(result.row);
      await pause();
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    problems.add(csvSyntaxProblem(error, text));
    return done();
  }
  if (!columns) {
    problems.add({
      line: 1,
      column: "",
      message: `ファイルが空です。1 行目に見出し（${REQUIRED_COLUMNS.join("、")} など）が必要です`,
    });
  }
  return done();
}

/**
 * Checks staff records that come as cells by column name rather than as a
 * file (the directory sync), by exactly the rules a file's rows follow.
 */
export function readStaffRecords(
  records: { line: number; cells: Partial<Record<StaffCsvColumn, string>> }[],
  lookups: StaffCsvLookups,
): { rows: StaffImportRow[]; problems: ImportProblem[] } {
  const rows: StaffImportRow[] = [];
  const problems: ImportProblem[] = [];
  const firstLineOfEmployeeNumber = new Map<string, number>();
  const resolve = lookupsByKey(lookups);
  for (const record of records) {
    const result = readStaffRow(
      record.line,
      (column) => record.cells[column] ?? "",
      // A source without 担当 keeps each person's duties (see StaffImportRow.duties).
      "担当" in record.cells,
      resolve,
      firstLineOfEmployeeNumber,
    );
    if (result.problems.length > 0) problems.push(...result.problems);
    else if (result.row) rows.push(result.row);
  }
  return { rows, problems };
}

type CsvRecord = { line: number; cells: string[] };

/** Characters handed to the CSV parser at a time. */
const PARSE_SLICE = 1 << 16;

/**
 * The text in slices with every line end as LF: csv-parse counts a quoted
 * CRLF as two lines, so it gets LF only; a newline inside a quoted cell
 * then reads back as "\n". A CR at the end of a slice waits for the next
 * one, which may start with its LF.
 */
function* lfSlices(text: string): Generator<string> {
  let carry = "";
  for (let at = text.charCodeAt(0) === 0xfeff ? 1 : 0; at < text.length; at += PARSE_SLICE) {
    let slice = carry + text.slice(at, at + PARSE_SLICE);
    carry = "";
    if (slice.endsWith("\r") && at + PARSE_SLICE < text.length) {
      carry = "\r";
      slice = slice.slice(0, -1);
    }
    yield slice.replace(/\r\n?/g, "\n");
  }
  if (carry) yield "\n";
}

/** The file's records with the line each starts on; blank records skipped; throws a CsvError. */
async function* csvRecords(text: string): AsyncGenerator<CsvRecord> {
  const parser = Readable.from(lfSlices(text)).pipe(
    parse({ info: true, relax_column_count: true, skip_empty_lines: true }),
  );
  // With `info: true` each record comes as { record, info }, which the library's overloads do not express.
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (record.every((cell) => cell.trim() === "")) continue;
    // info.lines is the line on which the record ends; the operator looks for where it starts.
    let newlinesInside = 0;
    for (const cell of record)
      for (let at = cell.indexOf("\n"); at !== -1; at = cell.indexOf("\n", at + 1)) newlinesInside++;
    yield { line: info.lines - newlinesInside, cells: record };
  }
}

function csvSyntaxProblem(error: CsvError, text: string): ImportProblem {
  if (error.code === "CSV_QUOTE_NOT_CLOSED") {
    // csv-parse reports the last line of the file; the operator needs the line where the quote opened.
    const line = lineOfUnclosedQuote(text);
    return { line, column: "", message: `${line} 行目で始まる引用符（"）が閉じられていません` };
  }
  const line = typeof error.lines === "number" ? error.lines : 1;
  if (error.code === "CSV_INVALID_CLOSING_QUOTE" || error.code === "INVALID_OPENING_QUOTE") {
    return {
      line,
      column: "",
      message: `${line} 行目の引用符（"）の使い方が正しくありません。値に " を含めるときは、値全体を " で囲み、" を "" と2つ重ねてください`,
    };
  }
  return { line, column: "", message: `${line} 行目を CSV として読めません` };
}

function lineOfUnclosedQuote(text: string): number {
  let line = 1;
  let inQuotes = false;
  let openedOn = 1;
  let previous = 0;
  for (let at = 0; at < text.length; at++) {
    const char = text.charCodeAt(at);
    // CRLF, CR and LF each end a line, as lfSlices reads them.
    if (char === 0x0a || (char === 0x0d && text.charCodeAt(at + 1) !== 0x0a)) line += 1;
    else if (char === 0x22) {
      // The second quote of an escaped "" reopens the same value.
      if (!inQuotes && previous !== 0x22) openedOn = line;
      inQuotes = !inQuotes;
    }
    previous = char;
  }
  return openedOn;
}

function findColumns(header: CsvRecord): { indexes: Map<StaffCsvColumn, number> } | { problems: ImportProblem[] } {
  const indexes = new Map<StaffCsvColumn, number>();
  const problems: ImportProblem[] = [];
  header.cells.forEach((cell, index) => {
    const name = cell
      .replace(/^\uFEFF/, "")
      .normalize("NFKC")
      .trim();
    const column = STAFF_CSV_COLUMNS.find((known) => known === name);
    if (!column) return; // Personnel systems add columns of their own; they are not ours to judge.
    if (indexes.has(column)) {
      problems.push({
        line: header.line,
        column,
        message: `見出し「${column}」が2つあります。どちらを使うか決められないので、1つにしてください`,
      });
    } else {
      indexes.set(column, index);
    }
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!indexes.has(column)) {
      problems.push({ line: header.line, column, message: `必須の列「${column}」が見出し行にありません` });
    }
  }
  return problems.length > 0 ? { problems } : { indexes };
}

/**
 * The lookups by what a cell may say — a name as lookupKey reads it, or an
 * id or code — made once per file rather than normalising every
 * candidate's name again for every row. A name is looked up first, then
 * an id or code.
 */
function lookupsByKey(lookups: StaffCsvLookups) {
  const byKey = <T>(items: T[], name: (item: T) => string, id: (item: T) => string) => {
    const map = new Map<string, T>();
    for (const item of items) {
      const key = lookupKey(name(item));
      if (!map.has(key)) map.set(key, item);
    }
    for (const item of items) if (!map.has(id(item))) map.set(id(item), item);
    return map;
  };
  return {
    lookups,
    organisation: byKey(
      lookups.organisations,
      (o) => o.name,
      (o) => o.id,
    ),
    employeeType: byKey(
      lookups.employeeTypes,
      (t) => t.name,
      (t) => t.code,
    ),
  };
}

function readStaffRow(
  line: number,
  cell: (column: StaffCsvColumn) => string,
  hasDutiesColumn: boolean,
  { lookups, ...resolve }: ReturnType<typeof lookupsByKey>,
  firstLineOfEmployeeNumber: Map<string, number>,
): { row: StaffImportRow | null; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const problem = (column: StaffCsvColumn, message: string) => problems.push({ line, column, message });

  // No cell of a staff record is longer than this; a longer one (a cell of a
  // 20 MB file can hold megabytes) is reported without being normalised or
  // matched against any pattern.
  const tooLong = STAFF_CSV_COLUMNS.filter((column) => cell(column).length > MAX_CELL_CHARS);
  if (tooLong.length > 0) {
    for (const column of tooLong) problem(column, `${column}が長すぎます（${MAX_CELL_CHARS}文字まで）`);
    return { row: null, problems };
  }

  const employeeNumber = normaliseEmployeeNumber(cell("職員番号"));
  if (employeeNumber === "") {
    problem("職員番号", "職員番号を入力してください");
  } else if (!EMPLOYEE_NUMBER.test(employeeNumber)) {
    problem("職員番号", `職員番号「${cell("職員番号").trim()}」は英数字とハイフンの20文字以内で入力してください`);
  } else {
    const firstLine = firstLineOfEmployeeNumber.get(employeeNumber);
    if (firstLine === undefined) firstLineOfEmployeeNumber.set(employeeNumber, line);
    else problem("職員番号", `職員番号 ${employeeNumber} が ${firstLine} 行目と重複しています`);
  }

  const name = cell("氏名").trim();
  if (name === "") problem("氏名", "氏名を入力してください");
  // A string is never longer in characters than in UTF-16 units: most names need no count.
  else if (name.length > MAX_NAME_LENGTH && [...name].length > MAX_NAME_LENGTH)
    problem("氏名", `氏名は${MAX_NAME_LENGTH}文字以内で入力してください`);

  // NFKC turns half-width katakana (ﾔﾏﾀﾞ) into full-width (ヤマダ).
  const nameKana = cell("氏名カナ").normalize("NFKC").trim();
  if (nameKana.length > MAX_NAME_LENGTH && [...nameKana].length > MAX_NAME_LENGTH)
    problem("氏名カナ", `氏名カナは${MAX_NAME_LENGTH}文字以内で入力してください`);

  const organisationText = lookupKey(cell("所属"));
  const organisation = resolve.organisation.get(organisationText);
  if (organisationText === "") problem("所属", "所属を入力してください");
  else if (!organisation) {
    const names = lookups.organisations.map((candidate) => candidate.name).join("、");
    problem(
      "所属",
      `所属「${organisationText}」は登録されていません（対象組織は基本方針3(1)の${lookups.organisations.length}組織です：${names}）`,
    );
  }

  const section = cell("課").trim();

  const employeeTypeText = lookupKey(cell("任用形態"));
  const employeeType = resolve.employeeType.get(employeeTypeText);
  if (employeeTypeText === "") problem("任用形態", "任用形態を入力してください");
  else if (!employeeType) {
    const names = lookups.employeeTypes.map((candidate) => candidate.name).join("、");
    problem("任用形態", `任用形態「${employeeTypeText}」は登録されていません（${names}）`);
  }

  const roleText = cell("役割").normalize("NFKC").trim();
  const role: Role | undefined = roleText === "" ? "LEARNER" : ROLE_BY_LABEL.get(roleText.toUpperCase());
  if (!role) {
    problem(
      "役割",
      `役割「${roleText}」は使えません（職員、情報セキュリティ管理者、研修担当、システム管理者、または LEARNER、MANAGER、HR、ADMIN）`,
    );
  }

  const dutiesCell = readDutiesCell(cell("担当"));
  if ("unknown" in dutiesCell) {
    const labels = DUTIES.map((duty) => DUTY_LABELS[duty]).join("、");
    problem(
      "担当",
      `担当「${dutiesCell.unknown.join("、")}」は使えません（${labels}、または ${DUTIES.join("、")}。空欄は担当なし）`,
    );
  }

  const startDate = readDate("採用日", cell("採用日"), problem);
  if (startDate === undefined) problem("採用日", "採用日を入力してください");
  const appointmentStart = readDate("任用開始日", cell("任用開始日"), problem);
  const appointmentEnd = readDate("任用終了日", cell("任用終了日"), problem);
  const period = appointmentProblem(
    Boolean(employeeType?.hasAppointmentPeriod),
    appointmentStart ?? null,
    appointmentEnd ?? null,
  );
  if (period === "appointmentRequired" && employeeType) {
    if (appointmentStart === undefined) problem("任用開始日", `${employeeType.name}は任用開始日を入力してください`);
    if (appointmentEnd === undefined) problem("任用終了日", `${employeeType.name}は任用終了日を入力してください`);
  }
  if (period === "appointmentOrder") {
    problem("任用終了日", `任用終了日（${appointmentEnd}）が任用開始日（${appointmentStart}）より前になっています`);
  }

  const email = cell("メールアドレス").normalize("NFKC").trim().toLowerCase();
  if (email !== "" && !EMAIL.test(email))
    problem("メールアドレス", `メールアドレス「${email}」の形式が正しくありません`);

  // Blank keeps how the person signs in now (a new person: a Mamori password).
  const authSourceText = cell("ログイン方法").normalize("NFKC").trim();
  const authSource = authSourceText === "" ? undefined : AUTH_SOURCE_BY_LABEL.get(authSourceText.toUpperCase());
  if (authSourceText !== "" && !authSource) {
    problem(
      "ログイン方法",
      `ログイン方法「${authSourceText}」は使えません（パスワード または LOCAL、ディレクトリ または DIRECTORY。空欄は変更なし）`,
    );
  }

  const activeText = cell("在職").normalize("NFKC").trim();
  const active: boolean | undefined = activeText === "" ? true : ACTIVE_BY_LABEL.get(activeText.toUpperCase());
  if (active === undefined) {
    problem("在職", `在職「${activeText}」は使えません（在職は 1・在職・TRUE、退職は 0・退職・FALSE。空欄は在職）`);
  }

  if (problems.length > 0 || !organisation || !employeeType || !role || !startDate || active === undefined) {
    return { row: null, problems };
  }
  return {
    row: {
      line,
      employeeNumber,
      name,
      nameKana,
      organisationId: organisation.id,
      sectionName: section === "" ? null : section,
      employeeTypeCode: employeeType.code,
      role,
      duties: hasDutiesColumn && "duties" in dutiesCell ? formatDuties(dutiesCell.duties) : null,
      startDate,
      appointmentStart: appointmentStart ?? null,
      appointmentEnd: appointmentEnd ?? null,
      active,
      email: email === "" ? null : email,
      ...(authSource ? { authSource } : {}),
    },
    problems,
  };
}

function lookupKey(text: string): string {
  return text.normalize("NFKC").trim();
}

/**
 * The cell as "YYYY-MM-DD"; undefined when blank; null when it cannot be
 * read as a date, which has then been reported.
 */
function readDate(
  column: StaffCsvColumn,
  text: string,
  problem: (column: StaffCsvColumn, message: string) => void,
): string | null | undefined {
  if (text.trim() === "") return undefined;
  const date = parseJapaneseDate(text);
  if (date === null) problem(column, `${column}「${text.trim()}」を日付として読めません。${DATE_FORMATS_HINT}`);
  return date;
}
