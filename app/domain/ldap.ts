/**
 * The city's directory (LDAP / Active Directory): what Mamori sends it, and
 * what it makes of what comes back. Every value a person typed goes through one of the escapes below, so
 * that a 職員番号 such as `*)(uid=*` finds nobody instead of everybody.
 */

import type { StaffCsvColumn } from "~/domain/staff-csv.ts";

/** Where the 職員番号 goes in LDAP_USER_FILTER and LDAP_USER_DN. */
export const EMPLOYEE_NUMBER_PLACEHOLDER = "{職員番号}";

const FILTER_SPECIAL = new Set(["*", "(", ")", "\\", "\u0000"]);

const hex = (char: string) => `\\${char.charCodeAt(0).toString(16).padStart(2, "0")}`;

/**
 * A value for an assertion in a search filter (RFC 4515 §3): `*`, `(`, `)`,
 * `\` and NUL become `\2a`, `\28`, `\29`, `\5c`, `\00`. Other characters,
 * Japanese included, stay as they are: the RFC allows UTF-8 unescaped, and
 * ldapts turns each `\xx` back into one character rather than one byte, so
 * escaping the bytes of a UTF-8 character would send a different value.
 */
export function escapeFilterValue(value: string): string {
  return [...value].map((char) => (FILTER_SPECIAL.has(char) ? hex(char) : char)).join("");
}

const DN_SPECIAL = new Set(['"', "+", ",", ";", "<", ">", "\\", "="]);

/**
 * A value for an attribute of a distinguished name (RFC 4514 §2.4): the
 * special characters get a backslash, NUL becomes `\00`, and so do a space
 * or `#` at the start and a space at the end, which the server would
 * otherwise drop or read as a hex value.
 */
export function escapeDnValue(value: string): string {
  const chars = [...value];
  return chars
    .map((char, index) => {
      if (char === "\u0000") return "\\00";
      if (DN_SPECIAL.has(char)) return `\\${char}`;
      if (index === 0 && (char === " " || char === "#")) return `\\${char}`;
      if (index === chars.length - 1 && char === " ") return "\\ ";
      return char;
    })
    .join("");
}

/** The filter that finds one person: the template with their escaped 職員番号. */
export function personFilter(template: string, employeeNumber: string): string {
  return template.replaceAll(EMPLOYEE_NUMBER_PLACEHOLDER, escapeFilterValue(employeeNumber));
}

/**
 * The filter that finds everyone the sign-in filter could find: the
 * placeholder becomes a presence test, `(employeeID={職員番号})` → `(employeeID=*)`.
 */
export function everyoneFilter(template: string): string {
  return template.replaceAll(EMPLOYEE_NUMBER_PLACEHOLDER, "*");
}

/** The DN to bind as when the directory is configured to bind without a search. */
export function personDn(template: string, employeeNumber: string): string {
  return template.replaceAll(EMPLOYEE_NUMBER_PLACEHOLDER, escapeDnValue(employeeNumber));
}

/** How a person signs in: with a Mamori password, or through the directory. */
export const AUTH_SOURCES = ["LOCAL", "DIRECTORY"] as const;
export type AuthSource = (typeof AUTH_SOURCES)[number];

export function isAuthSource(value: unknown): value is AuthSource {
  return AUTH_SOURCES.includes(value as AuthSource);
}

/** A person as the directory lists them, read through the attribute names in the settings ("" when absent). */
export type DirectoryPerson = {
  dn: string;
  employeeNumber: string;
  name: string;
  nameKana: string;
  email: string;
  organisation: string;
  section: string;
};

/** What Mamori knows of a person that a directory does not hold. */
export type KeptStaffFields = {
  employeeTypeCode: string;
  role: string;
  startDate: string;
  appointmentStart: string | null;
  appointmentEnd: string | null;
};

/**
 * A directory entry as the columns of a staff CSV row, so that the sync
 * checks it by the import's own rules. The directory decides name, kana,
 * mail, 所属 and 課, and that the person is in post; 任用形態, 役割 and
 * dates stay as Mamori has them, and a new person gets `newcomer`'s
 * 任用形態 and starts today, as a learner.
 */
export function directoryStaffCells(
  person: DirectoryPerson,
  current: KeptStaffFields | undefined,
  newcomer: { employeeType: string; today: string },
): Partial<Record<StaffCsvColumn, string>> {
  return {
    職員番号: person.employeeNumber,
    氏名: person.name,
    氏名カナ: person.nameKana,
    所属: person.organisation,
    課: person.section,
    メールアドレス: person.email,
    在職: "1",
    任用形態: current?.employeeTypeCode ?? newcomer.employeeType,
    役割: current?.role ?? "LEARNER",
    採用日: current?.startDate ?? newcomer.today,
    任用開始日: current?.appointmentStart ?? "",
    任用終了日: current?.appointmentEnd ?? "",
  };
}
