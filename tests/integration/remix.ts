import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { sessionCookieFor } from "~/lib/session.server.ts";

type RouteFunction = (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown;

export const TEST_ADDRESS = "203.0.113.7";

/**
 * Calls a loader or action as Remix would, and returns what the browser
 * would get as a Response: thrown responses, redirects and `data()` alike.
 */
export async function call(
  fn: RouteFunction,
  request: Request,
  params: Record<string, string> = {},
  clientAddress = TEST_ADDRESS,
): Promise<Response> {
  try {
    return toResponse(await fn({ request, params, context: { clientAddress } }));
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

function toResponse(value: unknown): Response {
  if (value instanceof Response) return value;
  // Remix's data() helper: { type: "DataWithResponseInit", data, init }
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const { data, init } = value as { data: unknown; init: ResponseInit | null };
    return Response.json(data, init ?? {});
  }
  return Response.json(value);
}

/** A request as the signed-in member of staff `staffId` would send it. */
export async function requestAs(
  staff: { id: number; sessionVersion?: number },
  path: string,
  init: { method?: string; form?: Record<string, string> | FormData } = {},
): Promise<Request> {
  const cookie = await sessionCookieFor({ staffId: staff.id, sessionVersion: staff.sessionVersion ?? 0 });
  return new Request(`http://localhost${path}`, {
    method: init.method ?? (init.form ? "POST" : "GET"),
    headers: { Cookie: cookie, Origin: "http://localhost" },
    body: init.form instanceof FormData ? init.form : init.form ? new URLSearchParams(init.form) : undefined,
  });
}

/** An anonymous form post. */
export function post(path: string, form: Record<string, string>): Request {
  return new Request(`http://localhost${path}`, { method: "POST", body: new URLSearchParams(form) });
}
