import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  employeeTypeOptions,
  FilterSelect,
  organisationOptions,
  Pager,
  SectionSelect,
} from "~/components/FilterFields.tsx";
import { parseStaffFilter } from "~/domain/staff-filter.ts";
import { isRole } from "~/domain/roles.ts";
import { t } from "~/lib/i18n.ts";
import { requireUser } from "~/lib/session.server.ts";
import { searchStaff, staffFormOptions } from "~/services/staff-directory.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("staff.title")} | ${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: ["HR", "ADMIN"] });
  const { page, ...filter } = parseStaffFilter(new URL(request.url).searchParams);
  const [result, options] = await Promise.all([searchStaff(filter, page), staffFormOptions()]);
  return { ...result, page, options };
}

export default function StaffDirectory() {
  const { staff, total, page, pageCount, options } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <h1>{t("staff.title")}</h1>
      <p className="lead">{t("staff.lead")}</p>
      <p className="actions">
        <Link className="button button-primary" to="/staff/new">
          {t("staff.new")}
        </Link>
        <Link className="button button-quiet" to="/staff/import">
          {t("staff.import")}
        </Link>
      </p>
      <Form method="get" className="card filters" role="search" aria-label={t("staff.search")}>
        <div className="field">
          <label htmlFor="q">{t("staff.searchQuery")}</label>
          <input id="q" name="q" type="search" defaultValue={params.get("q") ?? ""} />
        </div>
        <FilterSelect
          id="organisationId"
          label={t("staff.filterOrganisation")}
          options={organisationOptions(options.organisations)}
          defaultValue={params.get("organisationId")}
        />
        <SectionSelect organisations={options.organisations} defaultValue={params.get("sectionId")} />
        <FilterSelect
          id="employeeTypeCode"
          label={t("staff.filterEmployeeType")}
          options={employeeTypeOptions(options.employeeTypes)}
          defaultValue={params.get("employeeTypeCode")}
        />
        <div className="field">
          <label htmlFor="active">{t("staff.filterActive")}</label>
          <select id="active" name="active" defaultValue={params.get("active") ?? "active"}>
            <option value="active">{t("staff.activeOnly")}</option>
            <option value="inactive">{t("staff.inactiveOnly")}</option>
            <option value="any">{t("staff.any")}</option>
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t("staff.search")}
          </button>
        </div>
      </Form>
      <p role="status">{t("staff.results", { total, page, pageCount })}</p>
      {staff.length === 0 ? (
        <p>{t("staff.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("staff.employeeNumber")}</th>
                <th scope="col">{t("staff.name")}</th>
                <th scope="col">{t("staff.organisation")}</th>
                <th scope="col">{t("staff.section")}</th>
                <th scope="col">{t("staff.employeeType")}</th>
                <th scope="col">{t("staff.role")}</th>
                <th scope="col">{t("staff.status")}</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((person) => (
                <tr key={person.id}>
                  <td>{person.employeeNumber}</td>
                  <td>
                    <Link to={`/staff/${person.id}`}>{person.name}</Link>
                    {person.nameKana ? <span className="kana">{person.nameKana}</span> : null}
                  </td>
                  <td>{person.organisation.name}</td>
                  <td>{person.section?.name ?? ""}</td>
                  <td>{person.employeeType.name}</td>
                  <td>{isRole(person.role) ? t(`role.${person.role}`) : person.role}</td>
                  <td>
                    {person.active ? t("staff.active") : t("staff.inactive")}
                    {person.lockedUntil && new Date(person.lockedUntil) > new Date() ? ` / ${t("staff.locked")}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageCount={pageCount} />
    </>
  );
}
