import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CompletionByTypeChart } from "~/components/charts/CompletionByTypeChart.tsx";
import { CumulativeChart } from "~/components/charts/CumulativeChart.tsx";
import { DataTable } from "~/components/DataTable.tsx";
import {
  employeeTypeOptions,
  FilterSelect,
  organisationOptions,
  SectionSelect,
  trackOptions,
} from "~/components/FilterFields.tsx";
import { ASSIGNMENT_STATUSES } from "~/domain/assignment-status.ts";
import { fiscalYearLabel, fiscalYearOf } from "~/domain/fiscal-year.ts";
import { parseReportFilter, reportFilterToParams } from "~/domain/report-filter.ts";
import {
  byTypeTable,
  clausesTable,
  cumulativeTable,
  matrixTable,
  overdueTable,
  questionsTable,
} from "~/domain/report-tables.ts";
import { today } from "~/lib/clock.server.ts";
import { t } from "~/lib/i18n.ts";
import { requireUser } from "~/lib/session.server.ts";
import { scopeReportFilter } from "~/services/report-tables.server.ts";
import { completionSummary, itemAnalysis, overdueList, reportOptions } from "~/services/reports.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("report.title")} | ${t("app.name")}` }];

const OVERDUE_ON_PAGE = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["MANAGER", "HR", "ADMIN"] });
  const day = today();
  const filter = scopeReportFilter(user, parseReportFilter(new URL(request.url).searchParams, fiscalYearOf(day)));
  const [{ byType, cumulative, matrix }, overdue, items, options] = await Promise.all([
    completionSummary(filter, day),
    overdueList(filter, day, OVERDUE_ON_PAGE),
    itemAnalysis(filter, day),
    reportOptions(),
  ]);
  const years = [...new Set([fiscalYearOf(day), ...options.fiscalYears])].sort((a, b) => b - a);
  return {
    filter,
    query: reportFilterToParams(filter).toString(),
    manager: user.role === "MANAGER" ? { organisationName: user.organisationName } : null,
    options: {
      ...options,
      organisations:
        user.role === "MANAGER"
          ? options.organisations.filter((o) => o.id === user.organisationId)
          : options.organisations,
      fiscalYears: years.map((year) => ({ year, label: fiscalYearLabel(year) })),
    },
    byType,
    cumulative,
    overdue,
    items,
    tables: {
      byType: byTypeTable(byType),
      cumulative: cumulativeTable(cumulative),
      matrix: matrixTable(matrix),
      overdue: overdueTable(overdue.rows),
      questions: questionsTable(items),
      clauses: clausesTable(items),
    },
  };
}

function CsvLink({ table, query }: { table: string; query: string }) {
  return (
    <a className="csv-link" href={`/reports/export/${table}?${query}`} download>
      {t("report.csv")}
    </a>
  );
}

export default function Reports() {
  const data = useLoaderData<typeof loader>();
  const { filter, options, tables, query } = data;
  return (
    <>
      <h1>{t("report.title")}</h1>
      <p className="lead">
        {data.manager ? t("report.leadManager", { organisation: data.manager.organisationName }) : t("report.lead")}
      </p>

      <Form method="get" className="card filters" aria-label={t("report.filter")}>
        <div className="field">
          <label htmlFor="fiscalYear">{t("report.fiscalYear")}</label>
          <select id="fiscalYear" name="fiscalYear" defaultValue={filter.fiscalYear}>
            {options.fiscalYears.map((y) => (
              <option key={y.year} value={y.year}>
                {y.label}
              </option>
            ))}
          </select>
        </div>
        <FilterSelect
          id="trackId"
          label={t("report.track")}
          options={trackOptions(options.tracks)}
          defaultValue={filter.trackId}
        />
        {data.manager ? null : (
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
        <div className="field">
          <label htmlFor="status">{t("report.status")}</label>
          <select id="status" name="status" defaultValue={filter.status ?? ""}>
            <option value="">{t("staff.any")}</option>
            {ASSIGNMENT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t("report.apply")}
          </button>
          <Link to="/reports">{t("report.reset")}</Link>
        </div>
      </Form>

      <section className="card" aria-labelledby="by-type">
        <h2 id="by-type">{t("report.byType")}</h2>
        <CompletionByTypeChart rows={data.byType} />
        <DataTable table={tables.byType} caption={t("report.chartTable")} />
        <CsvLink table="by-type" query={query} />
      </section>

      <section className="card" aria-labelledby="cumulative">
        <h2 id="cumulative">{t("report.cumulative")}</h2>
        <CumulativeChart points={data.cumulative} />
        <details>
          <summary>{t("report.chartTable")}</summary>
          <DataTable table={tables.cumulative} />
        </details>
        <CsvLink table="cumulative" query={query} />
      </section>

      <section className="card" aria-labelledby="matrix">
        <h2 id="matrix">{t("report.matrix")}</h2>
        <DataTable table={tables.matrix} />
        <CsvLink table="matrix" query={query} />
      </section>

      <section className="card" aria-labelledby="overdue">
        <h2 id="overdue">{t("report.overdue")}</h2>
        {data.overdue.rows.length === 0 ? (
          <p>{t("report.none")}</p>
        ) : (
          <DataTable
            table={tables.overdue}
            cell={(row, column, value) =>
              column === 1 ? <Link to={`/reports/people/${data.overdue.rows[row]!.staffId}`}>{value}</Link> : value
            }
          />
        )}
        {data.overdue.total > data.overdue.rows.length ? (
          <p>{t("report.overdueMore", { count: data.overdue.total - data.overdue.rows.length })}</p>
        ) : null}
        <CsvLink table="overdue" query={query} />
      </section>

      <section className="card" aria-labelledby="items">
        <h2 id="items">{t("report.items")}</h2>
        <p>{t("report.itemsLead")}</p>
        {data.items.clauses.length === 0 ? (
          <p>{t("report.none")}</p>
        ) : (
          <>
            <DataTable
              table={tables.clauses}
              caption={t("report.clauses")}
              cell={(_row, column, value) =>
                column === 0 ? <a href={`/policy#${encodeURIComponent(`c-${value}`)}`}>基本方針 {value}</a> : value
              }
            />
            <CsvLink table="clauses" query={query} />
            <DataTable
              table={tables.questions}
              caption={t("report.questions")}
              cell={(_row, column, value) =>
                column === 0 ? (
                  <Link to={`/reports/questions/${value}?${query}`}>{value}</Link>
                ) : column === 2 ? (
                  <a href={`/policy#${encodeURIComponent(`c-${value}`)}`}>{value}</a>
                ) : (
                  value
                )
              }
            />
            <CsvLink table="questions" query={query} />
          </>
        )}
      </section>
    </>
  );
}
