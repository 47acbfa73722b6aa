import type { LoaderFunctionArgs } from "@remix-run/node";
import { t } from "~/lib/i18n.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { exportCurrentRelease } from "~/services/releases.server.ts";

/** Downloads the current release as content/ in a tar archive (README "Content in the browser"). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["ADMIN"] });
  const exported = await exportCurrentRelease(actorOf(user, context));
  if (!exported) throw new Response(t("content.refused.noFiles"), { status: 404 });
  return new Response(exported.archive, {
    headers: {
      "Content-Type": "application/x-tar",
      "Content-Disposition": `attachment; filename="${exported.name}"`,
      "Cache-Control": "no-store",
    },
  });
}
