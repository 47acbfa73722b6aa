import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { flushSessionTouches } from "~/lib/session-store.server.ts";
import { getUser } from "~/lib/session.server.ts";
import { action as loginAction } from "~/routes/login.tsx";
import { action as logoutAction } from "~/routes/logout.tsx";
import { loader as homeLoader } from "~/routes/_index.tsx";
import { createStaff } from "./factories.ts";
import { call, post } from "./remix.ts";

const PASSWORD = "session-pass-123";

/** Signs in through the login form; returns the Cookie header a browser would send back. */
async function signIn(employeeNumber: string, previousCookie?: string): Promise<string> {
  const request = post("/login", { employeeNumber, password: PASSWORD });
  if (previousCookie) request.headers.set("Cookie", previousCookie);
  const response = await call(loginAction, request);
  expect(response.status).toBe(302);
  return response.headers.get("Set-Cookie")!.split(";")[0]!;
}

/** Where the home page sends this cookie: 200 when signed in, the login page otherwise. */
async function homeWith(cookie: string): Promise<string> {
  const response = await call(homeLoader, new Request("http://localhost/", { headers: { Cookie: cookie } }));
  return response.status === 302 ? response.headers.get("Location")! : String(response.status);
}

const tokenOf = (cookie: string) => decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

describe("server-side sessions", () => {
  it("gives every sign-in a new random session, and stores only its hash", async () => {
    await createStaff({ employeeNumber: "SES001", password: PASSWORD });
    const first = await signIn("SES001");
    const second = await signIn("SES001");
    expect(first).not.toBe(second);
    const rows = await db.session.findMany({ where: { staff: { employeeNumber: "SES001" } } });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(tokenOf(first)).not.toContain(row.tokenHash);
      expect(tokenOf(second)).not.toContain(row.tokenHash);
    }
  });

  it("ends the old session of the same browser when it signs in again", async () => {
    await createStaff({ employeeNumber: "SES002", password: PASSWORD });
    const before = await signIn("SES002");
    const after = await signIn("SES002", before);
    expect(await homeWith(before)).toBe("/login?redirectTo=%2F");
    expect(await homeWith(after)).toBe("200");
  });

  it("refuses a cookie replayed after logout", async () => {
    await createStaff({ employeeNumber: "SES003", password: PASSWORD });
    const cookie = await signIn("SES003");
    expect(await homeWith(cookie)).toBe("200");
    const request = new Request("http://localhost/logout", { method: "POST", headers: { Cookie: cookie } });
    const loggedOut = await call(logoutAction, request);
    expect(loggedOut.headers.get("Set-Cookie")).toMatch(/__mamori=;.*Max-Age=0/);
    expect(await homeWith(cookie)).toBe("/login?redirectTo=%2F");
  });

  it("refuses a session idle for longer than the idle timeout (60 minutes)", async () => {
    const person = await createStaff({ employeeNumber: "SES004", password: PASSWORD });
    const cookie = await signIn("SES004");
    await db.session.updateMany({ where: { staffId: person.id }, data: { lastSeenAt: minutesAgo(59) } });
    expect(await homeWith(cookie)).toBe("200");
    await db.session.updateMany({ where: { staffId: person.id }, data: { lastSeenAt: minutesAgo(61) } });
    expect(await homeWith(cookie)).toBe("/login?redirectTo=%2F");
  });

  it("keeps an active session alive by recording when it was last seen", async () => {
    const person = await createStaff({ employeeNumber: "SES005", password: PASSWORD });
    const cookie = await signIn("SES005");
    await db.session.updateMany({ where: { staffId: person.id }, data: { lastSeenAt: minutesAgo(50) } });
    expect(await homeWith(cookie)).toBe("200");
    await flushSessionTouches();
    const [row] = await db.session.findMany({ where: { staffId: person.id } });
    expect(Date.now() - row!.lastSeenAt.getTime()).toBeLessThan(60_000);
  });

  it("refuses a session past its absolute lifetime (12 hours), however active", async () => {
    const person = await createStaff({ employeeNumber: "SES006", password: PASSWORD });
    const cookie = await signIn("SES006");
    const [row] = await db.session.findMany({ where: { staffId: person.id } });
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(12 * 3600_000);
    await db.session.update({ where: { id: row!.id }, data: { expiresAt: minutesAgo(1), lastSeenAt: new Date() } });
    expect(await homeWith(cookie)).toBe("/login?redirectTo=%2F");
  });

  it("refuses a forged or tampered cookie", async () => {
    await createStaff({ employeeNumber: "SES007", password: PASSWORD });
    const cookie = await signIn("SES007");
    expect(await homeWith(`${cookie.slice(0, -3)}abc`)).toBe("/login?redirectTo=%2F");
    expect(await homeWith("__mamori=eyJzdGFmZklkIjo0LCJzZXNzaW9uVmVyc2lvbiI6MH0%3D")).toBe("/login?redirectTo=%2F");
  });

  it("prunes sessions that can no longer sign anyone in at the next sign-in", async () => {
    const person = await createStaff({ employeeNumber: "SES008", password: PASSWORD });
    await signIn("SES008");
    const stale = await signIn("SES008");
    await db.session.updateMany({ where: { staffId: person.id }, data: { lastSeenAt: minutesAgo(120) } });
    const fresh = await signIn("SES008");
    expect(await db.session.count({ where: { staffId: person.id } })).toBe(1);
    expect(await homeWith(stale)).toBe("/login?redirectTo=%2F");
    expect(await homeWith(fresh)).toBe("200");
  });

  it("ends every session of a person when their session version moves on", async () => {
    const person = await createStaff({ employeeNumber: "SES009", password: PASSWORD });
    const [office, home] = [await signIn("SES009"), await signIn("SES009")];
    await db.staff.update({ where: { id: person.id }, data: { sessionVersion: { increment: 1 } } });
    for (const cookie of [office, home]) {
      expect(await getUser(new Request("http://localhost/", { headers: { Cookie: cookie } }))).toBeNull();
    }
  });
});
