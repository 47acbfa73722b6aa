import { databaseReachable } from "~/services/health.server.ts";

// For load balancers: 200 while the database answers, 503 otherwise. No login.
export async function loader() {
  const ok = await databaseReachable();
  return new Response(ok ? "ok" : "database unreachable", {
    status: ok ? 200 : 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
