import { today } from "~/lib/clock.server.ts";
import type { Actor } from "~/domain/audit.ts";
import { normaliseEmployeeNumber } from "~/domain/employee-number.ts";
import { directoryStaffCells, type DirectoryPerson } from "~/domain/ldap.ts";
import type { Role } from "~/domain/roles.ts";
import { readStaffRecords } from "~/domain/staff-csv.ts";
import { readDirectoryPeople, DirectoryUnavailableError, type DirectorySettings } from "./ldap.server.ts";
import {
  applyStaffSource,
  checkStaffSource,
  type StaffImportCheck,
  type StaffImportResult,
  type StaffSource,
} from "./staff-import.server.ts";
import { log } from "~/lib/log.server.ts";

/**
 * The directory's people as a source of staff rows, checked by the CSV
 * import's rules. Its rows make their people sign in through the directory;
 * only people who already do count as missing when it does not list them,
 * so staff with Mamori passwords (and the break-glass administrators) are
 * never deactivated by a sync.
 */
function directorySource(settings: DirectorySettings, people: DirectoryPerson[]): StaffSource {
  return {
    name: settings.url,
    encoding: null,
    audit: { action: "staff.directory-sync", targetType: "directory" },
    read: (lookups, staffByNumber) => {
      const newcomer = { employeeType: settings.newcomerEmployeeType, today: today() };
      const records = people.map((person, index) => ({
        line: index + 1,
        cells: directoryStaffCells(person, staffByNumber.get(normaliseEmployeeNumber(person.employeeNumber)), newcomer),
      }));
      const { rows, problems } = readStaffRecords(records, lookups);
      return {
        rows: rows.map((row) => ({ ...row, authSource: "DIRECTORY" as const })),
        problems: problems.map((problem) => ({ ...problem, entry: people[problem.line - 1]?.dn })),
      };
    },
    answersFor: (staff) => staff.authSource === "DIRECTORY",
  };
}

export type DirectorySyncCheck =
  (StaffImportCheck & { found: number }) | { ok: false; reason: "unavailable" | "empty" };

async function readPeople(settings: DirectorySettings): Promise<DirectoryPerson[] | "unavailable" | "empty"> {
  try {
    const people = await readDirectoryPeople(settings);
    // An empty answer is far likelier a wrong base DN or filter than a city
    // without staff: refusing it keeps a sync from deactivating everyone.
    return people.length === 0 ? "empty" : people;
  } catch (error) {
    if (!(error instanceof DirectoryUnavailableError)) throw error;
    log.error(`directory sync: ${error.message}`);
    return "unavailable";
  }
}

/** Reads the directory and says what a sync would change (the dry run). */
export async function checkDirectorySync(
  settings: DirectorySettings,
  actorRole: Role | null,
): Promise<DirectorySyncCheck> {
  const people = await readPeople(settings);
  if (typeof people === "string") return { ok: false, reason: people };
  return { ...(await checkStaffSource(directorySource(settings, people), actorRole)), found: people.length };
}

export type DirectorySyncResult = StaffImportResult | { ok: false; reason: "unavailable" | "empty" };

/** Reads the directory and applies it to the staff records, like a CSV import (all or nothing, audited). */
export async function syncStaffFromDirectory(
  settings: DirectorySettings,
  options: { actor: Actor; actorRole: Role | null; deactivateMissing: boolean },
): Promise<DirectorySyncResult> {
  const people = await readPeople(settings);
  if (typeof people === "string") return { ok: false, reason: people };
  return applyStaffSource(directorySource(settings, people), options);
}
