import { describeDuties } from "~/domain/duties.ts";
import { isAuthSource } from "~/domain/ldap.ts";
import { t, type MessageKey } from "~/lib/i18n.ts";

const FIELD_LABELS: Record<string, MessageKey> = {
  name: "staff.name",
  nameKana: "staff.nameKana",
  organisationId: "staff.organisation",
  sectionName: "staff.section",
  employeeTypeCode: "staff.employeeType",
  role: "staff.role",
  duties: "staff.duties",
  startDate: "staff.startDate",
  appointmentStart: "staff.appointmentStart",
  appointmentEnd: "staff.appointmentEnd",
  active: "staff.status",
  email: "staff.email",
  authSource: "staff.authSource",
};

function display(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (value === true) return t("staff.active");
  if (value === false) return t("staff.inactive");
  if (isAuthSource(value)) return t(`staff.authSource.${value}`);
  return String(value);
}

/** What an import or sync changes for one person, as one line: "氏名：旧 → 新、…". */
export function describeChanges(changes: Record<string, [unknown, unknown] | undefined>): string {
  return Object.entries(changes)
    .map(([field, change]) =>
      t("import.change", {
        field: FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field,
        from: field === "duties" ? display(describeDuties(String(change?.[0]))) : display(change?.[0]),
        to: field === "duties" ? display(describeDuties(String(change?.[1]))) : display(change?.[1]),
      }),
    )
    .join("、");
}
