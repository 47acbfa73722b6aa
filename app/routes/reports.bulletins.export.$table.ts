import type { LoaderFunctionArgs } from "@remix-run/node";
import { today } from "~/lib/clock.server.ts";
import { t } from "~/lib/i18n.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { bulletinReportTable, bulletinScope, isBulletinTable } from "~/services/bulletin-report-tables.server.ts";
import { exportTableCsv } from "~/services/report-export.server.ts";

/** A bulletin report table as CSV for Japanese Excel, like every report table; audited. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["MANAGER", "HR", "ADMIN"] });
  if (!isBulletinTable(params.table)) throw new Response(t("error.notFound"), { status: 404 });
  const raw = new URL(request.url).searchParams.get("bulletinId") ?? "";
  const bulletinId = /^\d{1,9}$/.test(raw) ? Number(raw) : null;
  const scope = bulletinScope(user);
  const table = await bulletinReportTable(params.table, bulletinId, today(), scope);
  if (!table) throw new Response(t("error.notFound"), { status: 404 });
  const { fileName, csv } = await exportTableCsv(actorOf(user, context), table, {
    name: `bulletins/${params.table}`,
    detail: { bulletinId, scope: scope ?? null },
    fileName: `${table.title}.csv`,
  });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="bulletins-${params.table}.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}
