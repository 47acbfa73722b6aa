import { describe, expect, it } from "vitest";
import {
  directoryStaffCells,
  escapeDnValue,
  escapeFilterValue,
  everyoneFilter,
  personDn,
  personFilter,
} from "~/domain/ldap.ts";

describe("escapeFilterValue (RFC 4515)", () => {
  it.each([
    ["*", "\\2a"],
    ["(", "\\28"],
    [")", "\\29"],
    ["\\", "\\5c"],
    ["\u0000", "\\00"],
    ["*)(uid=*", "\\2a\\29\\28uid=\\2a"],
    ["a\\2a", "a\\5c2a"],
  ])("escapes %j as %j", (value, escaped) => {
    expect(escapeFilterValue(value)).toBe(escaped);
  });

  it("leaves plain and non-ASCII 職員番号 as they are", () => {
    expect(escapeFilterValue("100001")).toBe("100001");
    expect(escapeFilterValue("職員-１２")).toBe("職員-１２");
    expect(escapeFilterValue("山田*")).toBe("山田\\2a");
  });
});

describe("escapeDnValue (RFC 4514)", () => {
  it.each([
    ["a,b", "a\\,b"],
    ["a+b", "a\\+b"],
    ['a"b', 'a\\"b'],
    ["a;b<c>d", "a\\;b\\<c\\>d"],
    ["a=b", "a\\=b"],
    ["\\", "\\\\"],
    ["\u0000", "\\00"],
    [" a", "\\ a"],
    ["a ", "a\\ "],
    ["#a", "\\#a"],
    ["a#", "a#"],
    ["*()", "*()"],
    ["職員 番号", "職員 番号"],
  ])("escapes %j as %j", (value, escaped) => {
    expect(escapeDnValue(value)).toBe(escaped);
  });
});

describe("filters and DNs from the settings' templates", () => {
  it("puts the escaped 職員番号 where the placeholder is", () => {
    expect(personFilter("(&(objectClass=user)(sAMAccountName={職員番号}))", "*)(cn=*")).toBe(
      "(&(objectClass=user)(sAMAccountName=\\2a\\29\\28cn=\\2a))",
    );
    expect(personFilter("(employeeID={職員番号})", "あ\u0000")).toBe("(employeeID=あ\\00)");
  });

  it("finds everyone by turning the placeholder into a presence test", () => {
    expect(everyoneFilter("(&(objectClass=user)(employeeID={職員番号}))")).toBe("(&(objectClass=user)(employeeID=*))");
  });

  it("builds a DN with the escaped 職員番号", () => {
    expect(personDn("uid={職員番号},ou=staff,dc=example", "x,ou=admins")).toBe(
      "uid=x\\,ou\\=admins,ou=staff,dc=example",
    );
  });
});

describe("directoryStaffCells", () => {
  const person = {
    dn: "uid=aoki,ou=staff,dc=city,dc=example",
    employeeNumber: "D10001",
    name: "青木 陽子",
    nameKana: "アオキ ヨウコ",
    email: "aoki@city.example",
    organisation: "市長部局",
    section: "情報政策課",
  };

  it("takes name, kana, mail, 所属 and 課 from the directory and keeps what only Mamori knows", () => {
    const current = {
      employeeTypeCode: "fiscal-year",
      role: "MANAGER",
      startDate: "2020-04-01",
      appointmentStart: "2026-04-01",
      appointmentEnd: "2027-03-31",
    };
    expect(directoryStaffCells(person, current, { employeeType: "regular", today: "2026-11-25" })).toEqual({
      職員番号: "D10001",
      氏名: "青木 陽子",
      氏名カナ: "アオキ ヨウコ",
      所属: "市長部局",
      課: "情報政策課",
      メールアドレス: "aoki@city.example",
      在職: "1",
      任用形態: "fiscal-year",
      役割: "MANAGER",
      採用日: "2020-04-01",
      任用開始日: "2026-04-01",
      任用終了日: "2027-03-31",
    });
  });

  it("makes a newcomer a learner of the configured 任用形態, starting today", () => {
    expect(directoryStaffCells(person, undefined, { employeeType: "常勤職員", today: "2026-11-25" })).toMatchObject({
      任用形態: "常勤職員",
      役割: "LEARNER",
      採用日: "2026-11-25",
      任用開始日: "",
      任用終了日: "",
    });
  });
});
