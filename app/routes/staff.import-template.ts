import type { LoaderFunctionArgs } from "@remix-run/node";
import { staffCsvTemplate } from "~/domain/staff-csv.ts";
import { requireUser } from "~/lib/session.server.ts";

// UTF-8 with a BOM, so that Japanese Excel opens it without mojibake.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: ["HR", "ADMIN"] });
  return new Response(`\uFEFF${staffCsvTemplate()}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="staff-template.csv"; filename*=UTF-8''${encodeURIComponent("職員一覧ひな形.csv")}`,
    },
  });
}
