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

/**
 * The headline over a rejected file's or sync's problems, saying how many
 * more there are than the listed first ones ("ほか N 件").
 */
export function rejectionMessage(headline: string, rejection: { problems: unknown[]; problemCount: number }): string {
  const unlisted = rejection.problemCount - rejection.problems.length;
  if (unlisted <= 0) return headline;
  return `${headline}${t("import.unlisted", { shown: rejection.problems.length, count: unlisted })}`;
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

type Person = { employeeNumber: string; name: string };

/**
 * The people a staff import or directory sync will add and change, and the
 * 課 it will create, as the preview before confirming shows them. Only the
 * first rows are listed; the counts say how many more.
 */
export function StaffChangeLists(props: {
  newSections: string[];
  created: number;
  createdRows: Person[];
  updated: number;
  /** Each person's changes, already described (describeChanges). */
  updatedRows: (Person & { changes: string })[];
}) {
  const more = (total: number, shown: number) =>
    total > shown ? <p>{t("import.more", { count: total - shown })}</p> : null;
  return (
    <>
      {props.newSections.length > 0 ? (
        <>
          <h3>{t("import.newSections")}</h3>
          <ul>
            {props.newSections.map((name, i) => (
              <li key={`${i}-${name}`}>{name}</li>
            ))}
          </ul>
        </>
      ) : null}
      {props.createdRows.length > 0 ? (
        <>
          <h3>{t("import.createdList")}</h3>
          <ul className="compact-list">
            {props.createdRows.map((r) => (
              <li key={r.employeeNumber}>
                {r.employeeNumber} {r.name}
              </li>
            ))}
          </ul>
          {more(props.created, props.createdRows.length)}
        </>
      ) : null}
      {props.updatedRows.length > 0 ? (
        <>
          <h3>{t("import.updatedList")}</h3>
          <ul className="compact-list">
            {props.updatedRows.map((r) => (
              <li key={r.employeeNumber}>
                {r.employeeNumber} {r.name}：{r.changes}
              </li>
            ))}
          </ul>
          {more(props.updated, props.updatedRows.length)}
        </>
      ) : null}
    </>
  );
}
