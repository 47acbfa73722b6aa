import type { LoaderFunctionArgs } from "@remix-run/node";
import { t } from "~/lib/i18n.ts";
import { idParam } from "~/lib/params.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { CampaignError, getCampaign } from "~/services/drill-campaigns.server.ts";
import { exportCampaignCsv } from "~/services/drill-results.server.ts";

/** Each person's drill outcome as CSV (HR and ADMIN: individual results), audited. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["HR", "ADMIN"] });
  const id = idParam(params.campaignId);
  try {
    await getCampaign(id);
  } catch (error) {
    if (error instanceof CampaignError) throw new Response(t("error.notFound"), { status: 404 });
    throw error;
  }
  const { fileName, csv } = await exportCampaignCsv(actorOf(user, context), id);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="drill-${id}.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}
