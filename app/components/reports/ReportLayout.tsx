import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import {
  employeeTypeOptions,
  FilterSelect,
  organisationOptions,
  SectionSelect,
  trackOptions,
} from "~/components/FilterFields.tsx";
import { ASSIGNMENT_STATUSES } from "~/domain/assignment-status.ts";
import type { ReportFilter } from "~/domain/report-filter.ts";
import { t, type MessageKey } from "~/lib/i18n.ts";

export type ReportFrameData = {
  filter: ReportFilter;
  query: string;
  manager: { scopeName: string } | null;
  options: {
    organisations: { id: string; name: string; sections: { id: number; name: string }[] }[];
    employeeTypes: { code: string; name: string }[];
    tracks: { id: string; name: string }[];
    fiscalYears: { year: number; label: string }[];
  };
};

const TABS: { path: string; label: MessageKey }[] = [
  { path: "/reports", label: "reports.tab.overview" },
  { path: "/reports/organisations", label: "reports.tab.organisations" },
  { path: "/reports/overdue", label: "reports.tab.overdue" },
  { path: "/reports/items", label: "reports.tab.items" },
  { path: "/reports/mastery", label: "reports.tab.mastery" },
  { path: "/reports/people", label: "reports.tab.people" },
  { path: "/reports/print", label: "reports.tab.print" },
];

/** The report pages' tabs, each keeping the filter of the page it is opened from. */
function ReportTabs({ query }: { query: string }) {
  return (
    <nav className="report-tabs" aria-label={t("reports.tabs")}>
      <ul>
        {TABS.map((tab) => (
          <li key={tab.path}>
            <NavLink to={query ? `${tab.path}?${query}` : tab.path} end>
              {t(tab.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The filter bar every report page shares; it submits to the page it is on, so the filter lands in the URL. */
function ReportFilters({ frame }: { frame: ReportFrameData }) {
  const { filter, options } = frame;
  const { pathname } = useLocation();
  return (
    <Form method="get" className="card filters report-filters" aria-label={t("report.filter")}>
      <FilterSelect
        id="fiscalYear"
        label={t("report.fiscalYear")}
        options={options.fiscalYears.map((y) => ({ value: y.year, label: y.label }))}
        defaultValue={filter.fiscalYear}
        anyLabel={null}
      />
      <FilterSelect
        id="trackId"
        label={t("report.track")}
        options={trackOptions(options.tracks)}
        defaultValue={filter.trackId}
      />
      {frame.manager ? null : (
        <FilterSelect
          id="organisationId"
          label={t("report.organisation")}
          options={organisationOptions(options.organisations)}
          defaultValue={filter.organisationId}
        />
      )}
      <SectionSelect
        label={t("report.section")}
        organisations={options.organisations}
        defaultValue={filter.sectionId}
      />
      <FilterSelect
        id="employeeTypeCode"
        label={t("report.employeeType")}
        options={employeeTypeOptions(options.employeeTypes)}
        defaultValue={filter.employeeTypeCode}
      />
      <FilterSelect
        id="status"
        label={t("report.status")}
        options={ASSIGNMENT_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
        defaultValue={filter.status}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          {t("report.apply")}
        </button>
        <Link to={pathname}>{t("report.reset")}</Link>
      </div>
    </Form>
  );
}

/** A report page: its title, who it covers, the tabs, the filter bar, then the page's own content, in the wide layout. */
export function ReportLayout({
  frame,
  title,
  filters = true,
  children,
}: {
  frame: ReportFrameData;
  title: string;
  filters?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="report-page">
      <h1>
        {t("report.title")}：{title}
      </h1>
      <p className="lead">
        {frame.manager ? t("report.leadManager", { organisation: frame.manager.scopeName }) : t("report.lead")}
      </p>
      <ReportTabs query={frame.query} />
      {filters ? <ReportFilters frame={frame} /> : null}
      {children}
    </div>
  );
}

/** CSV download of one report table under the page's filter. */
export function CsvLink({ table, query }: { table: string; query: string }) {
  return (
    <a className="csv-link" href={`/reports/export/${table}?${query}`} download>
      {t("report.csv")}
    </a>
  );
}

/** Previous / next page links that keep the rest of the URL, with where the reader is. */
export function PageLinks({
  page,
  pageCount,
  total,
  params,
}: {
  page: number;
  pageCount: number;
  total: number;
  params: URLSearchParams;
}) {
  const link = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    return `?${next}`;
  };
  return (
    <nav className="pager" aria-label={t("nav.pages")}>
      <span>{t("reports.pageOf", { page, pageCount, total })}</span>
      {page > 1 ? <Link to={link(page - 1)}>{t("reports.previousPage")}</Link> : null}
      {page < pageCount ? <Link to={link(page + 1)}>{t("reports.nextPage")}</Link> : null}
    </nav>
  );
}
