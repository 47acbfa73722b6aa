import type { LoaderFunctionArgs } from "@remix-run/node";
import { fiscalYearOf } from "~/domain/fiscal-year.ts";
import { parseReportFilter } from "~/domain/report-filter.ts";
import { today } from "~/lib/clock.server.ts";
import { t } from "~/lib/i18n.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { exportReportCsv } from "~/services/report-export.server.ts";
import { isReportTable, scopeReportFilter } from "~/services/report-tables.server.ts";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["MANAGER", "HR", "ADMIN"] });
  if (!isReportTable(params.table)) throw new Response(t("error.notFound"), { status: 404 });
  const day = today();
  const filter = scopeReportFilter(user, parseReportFilter(new URL(request.url).searchParams, fiscalYearOf(day)));
  const { fileName, csv } = await exportReportCsv(actorOf(user, context), params.table, filter, day);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="report-${params.table}.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}
