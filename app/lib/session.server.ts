import { createCookieSessionStorage, redirect } from "@remix-run/node";
import type { Actor } from "~/domain/audit.ts";
import { roleAllows, type Role } from "~/domain/roles.ts";
import { t } from "~/lib/i18n.ts";
import { safeRedirect } from "~/lib/safe-redirect.ts";
import { findSignedInStaff, type SignedInStaff } from "~/services/staff.server.ts";
import { env } from "./env.server.ts";

/** Sessions live in a signed cookie, so any app instance can read them. */
const sessionStorage = createCookieSessionStorage<{ staffId: number; sessionVersion: number }>({
  cookie: {
    name: "__mamori",
    httpOnly: true,
    sameSite: "lax",
    secure: env.cookieSecure,
    path: "/",
    secrets: env.sessionSecrets,
    maxAge: 60 * 60 * 12,
  },
});

function getSession(request: Request) {
  return sessionStorage.getSession(request.headers.get("Cookie"));
}

// The root loader and the page's loader ask for the same request's user:
// the database is asked once per request.
const usersByRequest = new WeakMap<Request, Promise<SignedInStaff | null>>();

/** The signed-in member of staff, or null. */
export function getUser(request: Request): Promise<SignedInStaff | null> {
  let user = usersByRequest.get(request);
  if (!user) {
    user = findUser(request);
    usersByRequest.set(request, user);
  }
  return user;
}

async function findUser(request: Request): Promise<SignedInStaff | null> {
  const session = await getSession(request);
  const staffId = session.get("staffId");
  const sessionVersion = session.get("sessionVersion");
  if (typeof staffId !== "number" || typeof sessionVersion !== "number") return null;
  return findSignedInStaff(staffId, sessionVersion);
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

/** Starts a session and redirects to `redirectTo` (made safe). */
export async function createUserSession(
  request: Request,
  identity: { staffId: number; sessionVersion: number },
  redirectTo: string | null,
): Promise<Response> {
  const session = await getSession(request);
  session.set("staffId", identity.staffId);
  session.set("sessionVersion", identity.sessionVersion);
  return redirect(safeRedirect(redirectTo), {
    headers: { "Set-Cookie": await sessionStorage.commitSession(session) },
  });
}

/** Ends this browser's session and returns to the login page. */
export async function logout(request: Request): Promise<Response> {
  const session = await getSession(request);
  return redirect("/login", {
    headers: { "Set-Cookie": await sessionStorage.destroySession(session) },
  });
}

/** The Cookie header value of a new session, for tests and fixtures. */
export async function sessionCookieFor(identity: { staffId: number; sessionVersion: number }): Promise<string> {
  const session = await sessionStorage.getSession();
  session.set("staffId", identity.staffId);
  session.set("sessionVersion", identity.sessionVersion);
  const setCookie = await sessionStorage.commitSession(session);
  return setCookie.split(";")[0]!;
}

/** The signed-in person as the author of an audited change. */
export function actorOf(user: SignedInStaff, context: { clientAddress: string }): Actor & { role: Role } {
  return { staffId: user.id, address: context.clientAddress, role: user.role };
}
