import { createCookie, redirect } from "@remix-run/node";
import type { Actor } from "~/domain/audit.ts";
import { roleAllows, type Role } from "~/domain/roles.ts";
import { t } from "~/lib/i18n.ts";
import { safeRedirect } from "~/lib/safe-redirect.ts";
import { env } from "./env.server.ts";
import { noteSignedInStaff } from "./log.server.ts";
import { findSessionStaff, revokeSession, type SignedInStaff, startSession } from "./session-store.server.ts";

/**
 * The session cookie carries only a random token (signed with
 * SESSION_SECRET); the session itself lives in the database
 * (session-store.server.ts), where it can be revoked and time out.
 */
/**
 * With Secure, the `__Host-` prefix: browsers then accept the cookie only
 * from this host, over HTTPS, for Path=/ and without Domain, so neither a
 * sibling subdomain nor a plain-HTTP page can plant or overwrite it. They
 * refuse the prefix without Secure, so a plain-HTTP closed network
 * (SESSION_COOKIE_SECURE=false) keeps the plain name.
 */
const SESSION_COOKIE_NAME = env.cookieSecure ? "__Host-mamori" : "__mamori";

const sessionCookie = createCookie(SESSION_COOKIE_NAME, {
  httpOnly: true,
  sameSite: "lax",
  secure: env.cookieSecure,
  path: "/",
  secrets: env.sessionSecrets,
  // The browser may drop it sooner; the server decides when it ends.
  maxAge: env.SESSION_MAX_HOURS * 60 * 60,
});

async function sessionToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

// The root loader and the page's loader ask for the same request's user:
// the database is asked once per request.
const usersByRequest = new WeakMap<Request, Promise<SignedInStaff | null>>();

/** The signed-in member of staff, or null. */
export function getUser(request: Request): Promise<SignedInStaff | null> {
  let user = usersByRequest.get(request);
  if (!user) {
    user = sessionToken(request)
      .then((token) => (token ? findSessionStaff(token) : null))
      .then((staff) => {
        if (staff) noteSignedInStaff(staff.id);
        return staff;
      });
    usersByRequest.set(request, user);
  }
  return user;
}

// Pages a person with an initial password may still reach.
const PASSWORD_CHANGE_PATHS = new Set(["/password", "/logout"]);

/**
 * The signed-in member of staff, who must hold one of `role` if given.
 * Anonymous visitors are sent to the login page; a wrong role gets 403;
 * someone still on an initial password is sent to change it first.
 */
export async function requireUser(
  request: Request,
  { role = [] }: { role?: Role | readonly Role[] } = {},
): Promise<SignedInStaff> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
    throw redirect(`/login?${params}`);
  }
  if (user.mustChangePassword && !PASSWORD_CHANGE_PATHS.has(new URL(request.url).pathname)) {
    throw redirect("/password");
  }
  const allowed = typeof role === "string" ? [role] : role;
  if (!roleAllows(user.role, allowed)) {
    throw new Response(t("error.forbidden"), { status: 403 });
  }
  return user;
}

/**
 * Starts a new session (a new token at every sign-in, so a token seen
 * before sign-in is worth nothing after it) and redirects to `redirectTo`
 * (made safe).
 */
export async function createUserSession(
  request: Request,
  identity: { staffId: number; sessionVersion: number },
  redirectTo: string | null,
  address: string,
): Promise<Response> {
  const previous = await sessionToken(request);
  if (previous) await revokeSession(previous);
  const token = await startSession(identity, address);
  return redirect(safeRedirect(redirectTo), {
    headers: { "Set-Cookie": await sessionCookie.serialize(token) },
  });
}

/** Ends this browser's session on the server and returns to the login page. */
export async function logout(request: Request): Promise<Response> {
  const token = await sessionToken(request);
  if (token) await revokeSession(token);
  return redirect("/login", {
    headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) },
  });
}

/** The Cookie header value of a new session, for tests and fixtures. */
export async function sessionCookieFor(identity: { staffId: number; sessionVersion: number }): Promise<string> {
  const setCookie = await sessionCookie.serialize(await startSession(identity, "127.0.0.1"));
  return setCookie.split(";")[0]!;
}

/** The signed-in person as the author of an audited change. */
export function actorOf(user: SignedInStaff, context: { clientAddress: string }): Actor & { role: Role } {
  return { staffId: user.id, address: context.clientAddress, role: user.role };
}
