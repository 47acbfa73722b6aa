import { describe, expect, it } from "vitest";
import {
  decodeCsv,
  parseStaffCsv,
  STAFF_CSV_COLUMNS,
  staffCsvTemplate,
  type StaffCsvLookups,
} from "~/domain/staff-csv.ts";

const lookups: StaffCsvLookups = {
  organisations: [
    { id: "mayor", name: "市長部局" },
    { id: "fire", name: "消防本部" },
  ],
  employeeTypes: [
    { code: "regular", name: "常勤職員", hasAppointmentPeriod: false },
    { code: "reappointed", name: "再任用職員", hasAppointmentPeriod: false },
    { code: "fiscal-year", name: "会計年度任用職員", hasAppointmentPeriod: true },
    { code: "special", name: "特別職", hasAppointmentPeriod: false },
  ],
};

const HEADER = STAFF_CSV_COLUMNS.join(",");

/** A file with the full header and the given data lines, joined by CRLF as Excel saves it. */
function csv(...lines: string[]): string {
  return [HEADER, ...lines].join("\r\n") + "\r\n";
}

async function problemsOf(text: string) {
  return (await parseStaffCsv(text, lookups)).problems;
}

describe("decodeCsv", () => {
  const text = "職員番号,氏名\r\n1001,山田 花子\r\n";

  it("reads UTF-8 without a BOM", async () => {
    expect(await decodeCsv(new TextEncoder().encode(text))).toEqual({ text, encoding: "utf-8" });
  });

  it("reads UTF-8 with a BOM and drops the BOM", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(await decodeCsv(bytes)).toEqual({ text, encoding: "utf-8-bom" });
  });

  it("reads Shift_JIS (CP932) that is not valid UTF-8", async () => {
    // "職員番号,氏名,氏名カナ,所属,任用形態,採用日\r\n１００１,髙橋 愛,ﾀｶﾊｼ ｱｲ,消防本部,常勤職員,令和8年4月1日\r\n"
    // in CP932; 髙 (0xEEE0) is outside JIS X 0208, as in real personnel exports.
    const bytes = hex(
      "904588f594d48d862c8e8196bc2c8e8196bc834a83692c8f8a91ae2c944397708c6091d42c8dcc977093fa0d0a" +
        "8250824f824f82502ceee08bb42088a42cc0b6cabc20b1b22c8fc19668967b95942c8fed8bce904588f52c97df986138944e348c8e3193fa0d0a",
    );
    const decoded = await decodeCsv(bytes);
    expect(decoded.encoding).toBe("shift_jis");
    expect(decoded.text).toBe(
      "職員番号,氏名,氏名カナ,所属,任用形態,採用日\r\n１００１,髙橋 愛,ﾀｶﾊｼ ｱｲ,消防本部,常勤職員,令和8年4月1日\r\n",
    );

    expect(await parseStaffCsv(decoded.text, lookups)).toEqual({
      rows: [
        {
          line: 2,
          employeeNumber: "1001",
          name: "髙橋 愛",
          nameKana: "タカハシ アイ",
          organisationId: "fire",
          sectionName: null,
          employeeTypeCode: "regular",
          role: "LEARNER",
          duties: null,
          startDate: "2026-04-01",
          appointmentStart: null,
          appointmentEnd: null,
          active: true,
          email: null,
        },
      ],
      problems: [],
    });
  });

  it("treats plain ASCII as UTF-8", async () => {
    expect((await decodeCsv(new TextEncoder().encode("a,b\n"))).encoding).toBe("utf-8");
  });
});

describe("parseStaffCsv: 担当 (duties)", () => {
  it("reads 担当 as stored codes, blank as none, and no column as unchanged (null)", async () => {
    const rows = (
      await parseStaffCsv(
        "職員番号,氏名,所属,任用形態,採用日,担当\n1,甲,消防本部,常勤職員,2020/4/1,情報システム担当\n2,乙,消防本部,常勤職員,2020/4/1,幹部、system-admin\n3,丙,消防本部,常勤職員,2020/4/1,\n",
        lookups,
      )
    ).rows.map((r) => r.duties);
    expect(rows).toEqual(["system-admin", "system-admin executive", ""]);
    const without = await parseStaffCsv(
      "職員番号,氏名,所属,任用形態,採用日\n1,甲,消防本部,常勤職員,2020/4/1\n",
      lookups,
    );
    expect(without.rows[0]!.duties).toBeNull();
  });

  it("rejects a 担当 it does not know, naming the accepted ones", async () => {
    const result = await parseStaffCsv(
      "職員番号,氏名,所属,任用形態,採用日,担当\n1,甲,消防本部,常勤職員,2020/4/1,会計担当\n",
      lookups,
    );
    expect(result.problems).toEqual([
      {
        line: 2,
        column: "担当",
        message:
          "担当「会計担当」は使えません（情報システム担当、幹部職員、または system-admin、executive。空欄は担当なし）",
      },
    ]);
  });
});

describe("parseStaffCsv: good files", () => {
  it("reads a full row", async () => {
    const result = await parseStaffCsv(
      csv("100001,山田 花子,ヤマダ ハナコ,市長部局,市民課,会計年度任用職員,職員,2026/4/1,2026-04-01,令和9年3月31日,1"),
      lookups,
    );
    expect(result).toEqual({
      rows: [
        {
          line: 2,
          employeeNumber: "100001",
          name: "山田 花子",
          nameKana: "ヤマダ ハナコ",
          organisationId: "mayor",
          sectionName: "市民課",
          employeeTypeCode: "fiscal-year",
          role: "LEARNER",
          duties: "",
          startDate: "2026-04-01",
          appointmentStart: "2026-04-01",
          appointmentEnd: "2027-03-31",
          active: true,
          email: null,
        },
      ],
      problems: [],
    });
  });

  it("needs only the required columns, and defaults the rest", async () => {
    const text = "職員番号,氏名,所属,任用形態,採用日\n2001,佐藤 健,消防本部,常勤職員,H31.4.1\n";
    expect(await parseStaffCsv(text, lookups)).toEqual({
      rows: [
        {
          line: 2,
          employeeNumber: "2001",
          name: "佐藤 健",
          nameKana: "",
          organisationId: "fire",
          sectionName: null,
          employeeTypeCode: "regular",
          role: "LEARNER",
          duties: null,
          startDate: "2019-04-01",
          appointmentStart: null,
          appointmentEnd: null,
          active: true,
          email: null,
        },
      ],
      problems: [],
    });
  });

  it("finds columns by name in any order and ignores columns it does not know", async () => {
    const text = [
      "備考,採用日,任用形態,所属,氏名,役割,職員番号",
      "異動予定,2026/4/1,再任用職員,市長部局,鈴木 一郎,研修担当,3001",
    ].join("\n");
    const { rows, problems } = await parseStaffCsv(text, lookups);
    expect(problems).toEqual([]);
    expect(rows).toMatchObject([
      {
        employeeNumber: "3001",
        name: "鈴木 一郎",
        organisationId: "mayor",
        employeeTypeCode: "reappointed",
        role: "HR",
        startDate: "2026-04-01",
      },
    ]);
  });

  it("reads header names written with a BOM, full-width letters or spaces around them", async () => {
    const text = "\uFEFF 職員番号 ,氏名,所属,任用形態,採用日\n4001,田中 誠,市長部局,常勤職員,2026-04-01\n";
    expect(await parseStaffCsv(text, lookups)).toMatchObject({ rows: [{ employeeNumber: "4001" }], problems: [] });
  });

  it("accepts organisations and employee types by id or code, after NFKC and trimming", async () => {
    const text = csv("5001,甲,,mayor,,regular,,2026/4/1,,,", "5002,乙,, 消防本部 ,,special,,2026/4/1,,,");
    const { rows, problems } = await parseStaffCsv(text, lookups);
    expect(problems).toEqual([]);
    expect(rows.map((row) => [row.organisationId, row.employeeTypeCode])).toEqual([
      ["mayor", "regular"],
      ["fire", "special"],
    ]);
  });

  it("normalises full-width digits and letters in 職員番号", async () => {
    const { rows } = await parseStaffCsv(csv("０１２３ａ,山田 花子,,市長部局,,常勤職員,,2026/4/1,,,"), lookups);
    expect(rows[0]?.employeeNumber).toBe("0123A");
  });

  it("turns half-width katakana in 氏名カナ into full-width", async () => {
    const { rows } = await parseStaffCsv(csv("1001,山田 花子,ﾔﾏﾀﾞ ﾊﾅｺ,市長部局,,常勤職員,,2026/4/1,,,"), lookups);
    expect(rows[0]?.nameKana).toBe("ヤマダ ハナコ");
  });

  it("trims 氏名 but keeps the space between family and given name as typed", async () => {
    const { rows } = await parseStaffCsv(
      csv("1001,　山田　花子　,,市長部局,,常勤職員,,2026/4/1,,,", "1002, 佐藤 健 ,,市長部局,,常勤職員,,2026/4/1,,,"),
      lookups,
    );
    expect(rows.map((row) => row.name)).toEqual(["山田　花子", "佐藤 健"]);
  });

  it.each([
    ["", "LEARNER"],
    ["職員", "LEARNER"],
    ["情報セキュリティ管理者", "MANAGER"],
    ["研修担当", "HR"],
    ["システム管理者", "ADMIN"],
    ["LEARNER", "LEARNER"],
    ["manager", "MANAGER"],
    ["Hr", "HR"],
    ["ＡＤＭＩＮ", "ADMIN"],
  ])("reads 役割 %s as %s", async (typed, role) => {
    const { rows, problems } = await parseStaffCsv(
      csv(`1001,山田 花子,,市長部局,,常勤職員,${typed},2026/4/1,,,`),
      lookups,
    );
    expect(problems).toEqual([]);
    expect(rows[0]?.role).toBe(role);
  });

  it.each([
    ["", true],
    ["1", true],
    ["0", false],
    ["１", true],
    ["在職", true],
    ["退職", false],
    ["TRUE", true],
    ["false", false],
    ["True", true],
  ])("reads 在職 %s as %s", async (typed, active) => {
    const { rows, problems } = await parseStaffCsv(
      csv(`1001,山田 花子,,市長部局,,常勤職員,,2026/4/1,,,${typed}`),
      lookups,
    );
    expect(problems).toEqual([]);
    expect(rows[0]?.active).toBe(active);
  });

  it("accepts an appointment period on a type that does not need one, in order", async () => {
    const { rows, problems } = await parseStaffCsv(
      csv("1001,山田 花子,,市長部局,,常勤職員,,2026/4/1,2026/4/1,2026/4/1,"),
      lookups,
    );
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({ appointmentStart: "2026-04-01", appointmentEnd: "2026-04-01" });
  });

  it("treats a missing last cell as blank", async () => {
    const { rows, problems } = await parseStaffCsv(csv("1001,山田 花子,,市長部局,,常勤職員,,2026/4/1"), lookups);
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({ appointmentEnd: null, active: true });
  });
});

describe("parseStaffCsv: quoting and line numbers", () => {
  it("reads quoted cells with commas, quotes and newlines, and reports the line each record starts on", async () => {
    const text = [
      HEADER,
      '1001,"山田, 花子",,市長部局,"市民課',
      '窓口係",常勤職員,,2026/4/1,,,',
      "",
      '1002,"佐藤 ""健""",,市長部局,"a',
      "",
      'b",常勤職員,,2026/4/1,,,',
      ",,,,,,,,,,",
      "1003,鈴木 一郎,,unknown,,常勤職員,,2026/4/1,,,",
    ].join("\r\n");
    const { rows, problems } = await parseStaffCsv(text, lookups);
    expect(rows.map((row) => [row.line, row.name, row.sectionName])).toEqual([
      [2, "山田, 花子", "市民課\n窓口係"],
      [5, '佐藤 "健"', "a\n\nb"],
    ]);
    expect(problems).toEqual([{ line: 9, column: "所属", message: expect.stringContaining("所属「unknown」") }]);
  });

  it("counts lines the same with LF endings and blank lines before the data", async () => {
    const text = [
      HEADER,
      "",
      "",
      '1001,"山田',
      '花子",,unknown,,常勤職員,,2026/4/1,,,',
      "1002,佐藤 健,,unknown,,常勤職員,,2026/4/1,,,",
    ].join("\n");
    expect((await problemsOf(text)).map((problem) => problem.line)).toEqual([4, 6]);
  });

  it("reports an unclosed quote at the line where it opened", async () => {
    const text = csv(
      "1001,山田 花子,,市長部局,,常勤職員,,2026/4/1,,,",
      '1002,"佐藤 健,,市長部局,,常勤職員,,2026/4/1,,,',
      "1003,鈴木 一郎,,市長部局,,常勤職員,,2026/4/1,,,",
    );
    expect(await parseStaffCsv(text, lookups)).toEqual({
      rows: [],
      problems: [{ line: 3, column: "", message: expect.stringContaining("引用符") }],
    });
  });

  it("reports an unclosed quote at its opening line even when escaped quotes follow on later lines", async () => {
    const text = csv(
      "1001,山田 花子,,市長部局,,常勤職員,,2026/4/1,,,",
      '1002,"佐藤',
      '""健"",,市長部局,,常勤職員,,2026/4/1,,,',
    );
    expect(await problemsOf(text)).toEqual([
      { line: 3, column: "", message: '3 行目で始まる引用符（"）が閉じられていません' },
    ]);
  });

  it("reports a stray quote inside a cell", async () => {
    const text = csv(
      "1001,山田 花子,,市長部局,,常勤職員,,2026/4/1,,,",
      '1002,佐藤 "健",,市長部局,,常勤職員,,2026/4/1,,,',
    );
    expect(await parseStaffCsv(text, lookups)).toEqual({
      rows: [],
      problems: [{ line: 3, column: "", message: expect.stringContaining("引用符") }],
    });
  });
});

describe("parseStaffCsv: header problems", () => {
  it("reports each missing required column on line 1 and returns no rows", async () => {
    const text = "職員番号,氏名カナ,所属,課,任用形態\n1001,ヤマダ,市長部局,市民課,常勤職員\n";
    expect(await parseStaffCsv(text, lookups)).toEqual({
      rows: [],
      problems: [
        { line: 1, column: "氏名", message: "必須の列「氏名」が見出し行にありません" },
        { line: 1, column: "採用日", message: "必須の列「採用日」が見出し行にありません" },
      ],
    });
  });

  it("reports a column that appears twice", async () => {
    const text = "職員番号,氏名,所属,任用形態,採用日,氏名\n1001,山田 花子,市長部局,常勤職員,2026/4/1,山田\n";
    expect(await parseStaffCsv(text, lookups)).toEqual({
      rows: [],
      problems: [{ line: 1, column: "氏名", message: expect.stringContaining("2つ") }],
    });
  });

  it.each([[""], ["\r\n\r\n"], [",,,\r\n"]])("reports an empty file %j", async (text) => {
    expect(await parseStaffCsv(text, lookups)).toEqual({
      rows: [],
      problems: [{ line: 1, column: "", message: expect.stringContaining("空") }],
    });
  });

  it("returns no rows and no problems for a header with no data", async () => {
    expect(await parseStaffCsv(csv(), lookups)).toEqual({ rows: [], problems: [] });
  });
});

describe("parseStaffCsv: bad values", () => {
  const good = {
    職員番号: "1001",
    氏名: "山田 花子",
    氏名カナ: "",
    所属: "市長部局",
    課: "",
    任用形態: "常勤職員",
    役割: "",
    採用日: "2026/4/1",
    任用開始日: "",
    任用終了日: "",
    在職: "",
    メールアドレス: "",
    担当: "",
    ログイン方法: "",
  };
  function rowWith(changes: Partial<typeof good>): string {
    const cells = { ...good, ...changes };
    return STAFF_CSV_COLUMNS.map((column) => cells[column]).join(",");
  }

  it.each<[string, Partial<typeof good>, string, string]>([
    ["blank 職員番号", { 職員番号: "" }, "職員番号", "職員番号を入力してください"],
    [
      "職員番号 with a character outside A-Z, 0-9 and -",
      { 職員番号: "10_01" },
      "職員番号",
      "職員番号「10_01」は英数字とハイフンの20文字以内で入力してください",
    ],
    [
      "職員番号 longer than 20",
      { 職員番号: "1".repeat(21) },
      "職員番号",
      `職員番号「${"1".repeat(21)}」は英数字とハイフンの20文字以内で入力してください`,
    ],
    ["blank 氏名", { 氏名: "　" }, "氏名", "氏名を入力してください"],
    [
      "a malformed mail address",
      { メールアドレス: "yamada@" },
      "メールアドレス",
      "メールアドレス「yamada@」の形式が正しくありません",
    ],
    [
      "an unknown ログイン方法",
      { ログイン方法: "AD" },
      "ログイン方法",
      "ログイン方法「AD」は使えません（パスワード または LOCAL、ディレクトリ または DIRECTORY。空欄は変更なし）",
    ],
    ["氏名 over 100 characters", { 氏名: "山".repeat(101) }, "氏名", "氏名は100文字以内で入力してください"],
    [
      "氏名カナ over 100 characters",
      { 氏名カナ: "ヤ".repeat(101) },
      "氏名カナ",
      "氏名カナは100文字以内で入力してください",
    ],
    ["blank 所属", { 所属: "" }, "所属", "所属を入力してください"],
    [
      "unknown 所属",
      { 所属: "総務部" },
      "所属",
      "所属「総務部」は登録されていません（対象組織は基本方針3(1)の2組織です：市長部局、消防本部）",
    ],
    ["blank 任用形態", { 任用形態: "" }, "任用形態", "任用形態を入力してください"],
    [
      "unknown 任用形態",
      { 任用形態: "パート" },
      "任用形態",
      "任用形態「パート」は登録されていません（常勤職員、再任用職員、会計年度任用職員、特別職）",
    ],
    [
      "unknown 役割",
      { 役割: "課長" },
      "役割",
      "役割「課長」は使えません（職員、情報セキュリティ管理者、研修担当、システム管理者、または LEARNER、MANAGER、HR、ADMIN）",
    ],
    ["blank 採用日", { 採用日: "" }, "採用日", "採用日を入力してください"],
    [
      "impossible 採用日",
      { 採用日: "2026/2/30" },
      "採用日",
      "採用日「2026/2/30」を日付として読めません。2026-04-01、2026/4/1、令和8年4月1日 の形式で入力してください",
    ],
    [
      "unreadable 任用開始日",
      { 任用開始日: "4月1日" },
      "任用開始日",
      "任用開始日「4月1日」を日付として読めません。2026-04-01、2026/4/1、令和8年4月1日 の形式で入力してください",
    ],
    [
      "era date outside its era in 任用終了日",
      { 任用終了日: "平成32年3月31日" },
      "任用終了日",
      "任用終了日「平成32年3月31日」を日付として読めません。2026-04-01、2026/4/1、令和8年4月1日 の形式で入力してください",
    ],
    [
      "任用終了日 before 任用開始日 on a type without a required period",
      { 任用開始日: "2026/4/1", 任用終了日: "2026/3/31" },
      "任用終了日",
      "任用終了日（2026-03-31）が任用開始日（2026-04-01）より前になっています",
    ],
    [
      "unknown 在職",
      { 在職: "有" },
      "在職",
      "在職「有」は使えません（在職は 1・在職・TRUE、退職は 0・退職・FALSE。空欄は在職）",
    ],
  ])("%s", async (_, changes, column, message) => {
    expect(await parseStaffCsv(csv(rowWith(changes)), lookups)).toEqual({
      rows: [],
      problems: [{ line: 2, column, message }],
    });
  });

  it("needs both ends of the appointment period for 会計年度任用職員", async () => {
    const text = csv(
      rowWith({ 職員番号: "1", 任用形態: "会計年度任用職員" }),
      rowWith({ 職員番号: "2", 任用形態: "会計年度任用職員", 任用開始日: "2026/4/1" }),
      rowWith({ 職員番号: "3", 任用形態: "fiscal-year", 任用終了日: "2027/3/31" }),
      rowWith({ 職員番号: "4", 任用形態: "会計年度任用職員", 任用開始日: "2026/4/1", 任用終了日: "2026/3/31" }),
      rowWith({ 職員番号: "5", 任用形態: "会計年度任用職員", 任用開始日: "2026/4/1", 任用終了日: "2027/3/31" }),
    );
    const { rows, problems } = await parseStaffCsv(text, lookups);
    expect(problems).toEqual([
      { line: 2, column: "任用開始日", message: "会計年度任用職員は任用開始日を入力してください" },
      { line: 2, column: "任用終了日", message: "会計年度任用職員は任用終了日を入力してください" },
      { line: 3, column: "任用終了日", message: "会計年度任用職員は任用終了日を入力してください" },
      { line: 4, column: "任用開始日", message: "会計年度任用職員は任用開始日を入力してください" },
      {
        line: 5,
        column: "任用終了日",
        message: "任用終了日（2026-03-31）が任用開始日（2026-04-01）より前になっています",
      },
    ]);
    expect(rows.map((row) => row.line)).toEqual([6]);
  });

  it("needs the appointment period for 会計年度任用職員 even when the file has no such columns", async () => {
    const text = "職員番号,氏名,所属,任用形態,採用日\n1001,山田 花子,市長部局,会計年度任用職員,2026/4/1\n";
    expect((await problemsOf(text)).map((problem) => [problem.line, problem.column])).toEqual([
      [2, "任用開始日"],
      [2, "任用終了日"],
    ]);
  });

  it("reports a duplicate 職員番号 on the later line, after normalisation", async () => {
    const text = csv(rowWith({ 職員番号: "1001" }), rowWith({ 職員番号: "2002" }), rowWith({ 職員番号: "１００１" }));
    const { rows, problems } = await parseStaffCsv(text, lookups);
    expect(problems).toEqual([{ line: 4, column: "職員番号", message: "職員番号 1001 が 2 行目と重複しています" }]);
    expect(rows.map((row) => row.line)).toEqual([2, 3]);
  });

  it("collects every problem in every row instead of stopping at the first", async () => {
    const text = csv(
      rowWith({ 職員番号: "1001" }),
      rowWith({ 職員番号: "", 氏名: "", 所属: "総務部" }),
      rowWith({ 職員番号: "1003" }),
      rowWith({ 職員番号: "1001", 任用形態: "パート", 役割: "課長", 採用日: "昨日", 在職: "はい" }),
    );
    const { rows, problems } = await parseStaffCsv(text, lookups);
    expect(problems.map((problem) => [problem.line, problem.column])).toEqual([
      [3, "職員番号"],
      [3, "氏名"],
      [3, "所属"],
      [5, "職員番号"],
      [5, "任用形態"],
      [5, "役割"],
      [5, "採用日"],
      [5, "在職"],
    ]);
    expect(rows.map((row) => row.line)).toEqual([2, 4]);
  });
});

describe("parseStaffCsv: ログイン方法", () => {
  it("reads the Japanese label or the code, and leaves it unset when blank", async () => {
    const header = "職員番号,氏名,所属,任用形態,採用日,ログイン方法";
    const text = [
      header,
      "1,甲,市長部局,常勤職員,2026/4/1,ディレクトリ",
      "2,乙,市長部局,常勤職員,2026/4/1,local",
      "3,丙,市長部局,常勤職員,2026/4/1,",
    ].join("\n");
    const { rows, problems } = await parseStaffCsv(text, lookups);
    expect(problems).toEqual([]);
    expect(rows.map((row) => row.authSource)).toEqual(["DIRECTORY", "LOCAL", undefined]);
  });
});

describe("staffCsvTemplate", () => {
  it("is a header and one example row, CRLF, that the parser accepts with the base data", async () => {
    const template = staffCsvTemplate();
    const lines = template.split("\r\n");
    expect(lines[0]).toBe(HEADER);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("");
    expect(template.replace(/\r\n/g, "")).not.toContain("\n");

    // The parser forgives short rows; the template must not rely on it.
    expect(lines[1]!.split(",")).toHaveLength(STAFF_CSV_COLUMNS.length);
    const { rows, problems } = await parseStaffCsv(template, lookups);
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.duties).toBe("");
  });
});

function hex(text: string): Uint8Array {
  return Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}
