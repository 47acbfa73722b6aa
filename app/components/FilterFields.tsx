import { Link, useSearchParams } from "@remix-run/react";
import { t } from "~/lib/i18n.ts";

type Option = { value: string | number; label: string };

/** A labelled <select> whose first choice is "すべて" (no filter). */
export function FilterSelect({
  id,
  name = id,
  label,
  options,
  defaultValue,
  anyLabel = t("staff.any"),
}: {
  id: string;
  name?: string;
  label: string;
  options: Option[];
  defaultValue?: string | number | null;
  anyLabel?: string | null;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue ?? ""}>
        {anyLabel === null ? null : <option value="">{anyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** 課 grouped under their 所属, for filters that narrow by section. */
export function SectionSelect({
  id = "sectionId",
  label = t("staff.filterSection"),
  organisations,
  defaultValue,
}: {
  id?: string;
  label?: string;
  organisations: { id: string; name: string; sections: { id: number; name: string }[] }[];
  defaultValue?: string | number | null;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name="sectionId" defaultValue={defaultValue ?? ""}>
        <option value="">{t("staff.any")}</option>
        {organisations.map((org) => (
          <optgroup key={org.id} label={org.name}>
            {org.sections.map((section) => (
              <option key={section.id} value={section.id}>
                {section.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

export const organisationOptions = (organisations: { id: string; name: string }[]): Option[] =>
  organisations.map((o) => ({ value: o.id, label: o.name }));

export const employeeTypeOptions = (types: { code: string; name: string }[]): Option[] =>
  types.map((type) => ({ value: type.code, label: type.name }));

export const trackOptions = (tracks: { id: string; name: string }[]): Option[] =>
  tracks.map((tr) => ({ value: tr.id, label: tr.name }));

/** Previous/next links that keep the page's other search parameters. */
export function Pager({ page, pageCount }: { page: number; pageCount: number }) {
  const [params] = useSearchParams();
  const link = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    return `?${next}`;
  };
  return (
    <nav className="pager" aria-label={t("nav.pages")}>
      {page > 1 ? <Link to={link(page - 1)}>{t("staff.previous")}</Link> : null}
      {page < pageCount ? <Link to={link(page + 1)}>{t("staff.next")}</Link> : null}
    </nav>
  );
}
