import { appVersion } from "~/lib/version.server.ts";
import { checkHealth } from "~/services/health.server.ts";

/**
 * For load balancers and monitoring, without a login: 200 while the
 * database accepts writes, 503 with the reason while it does not, and the
 * code and content release being served.
 */
export async function loader() {
  const health = await checkHealth();
  const { version, commit } = appVersion();
  return Response.json(
    {
      status: health.ok ? "ok" : "unavailable",
      version,
      commit,
      contentRelease: health.contentRelease,
      database: health.database,
    },
    { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
