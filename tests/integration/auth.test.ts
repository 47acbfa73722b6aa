import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { requireUser, sessionCookieFor } from "~/lib/session.server.ts";
import { action as loginAction } from "~/routes/login.tsx";
import { loader as homeLoader } from "~/routes/_index.tsx";
import { createStaff } from "./factories.ts";

function loginRequest(fields: Record<string, string>) {
  return new Request("http://localhost/login", { method: "POST", body: new URLSearchParams(fields) });
}

async function responseOf(promise: Promise<unknown>): Promise<Response> {
  try {
    const value = await promise;
    if (value instanceof Response) return value;
    // Remix's `data()` helper returns a DataWithResponseInit
    const init = (value as { init?: ResponseInit; data: unknown });
    return new Response(JSON.stringify(init.data), init.init ?? {});
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("login", () => {
  it("signs in with the employee number and password and goes where asked", async () => {
    await createStaff({ employeeNumber: "123456", password: "pass-word-123" });
    const response = await responseOf(
      loginAction({ request: loginRequest({ employeeNumber: "123456", password: "pass-word-123", redirectTo: "/learn" }), params: {}, context: {} }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/learn");
    expect(response.headers.get("Set-Cookie")).toMatch(/__mamori=.+HttpOnly; SameSite=Lax/);
  });

  it("accepts full-width digits typed with the IME on", async () => {
    await createStaff({ employeeNumber: "234567", password: "pass-word-123" });
    const response = await responseOf(
      loginAction({ request: loginRequest({ employeeNumber: "２３４５６７", password: "pass-word-123" }), params: {}, context: {} }),
    );
    expect(response.status).toBe(302);
  });

  it("gives the same message for a wrong password and an unknown number", async () => {
    await createStaff({ employeeNumber: "345678", password: "pass-word-123" });
    const wrongPassword = await responseOf(
      loginAction({ request: loginRequest({ employeeNumber: "345678", password: "nope" }), params: {}, context: {} }),
    );
    const unknownNumber = await responseOf(
      loginAction({ request: loginRequest({ employeeNumber: "999999", password: "nope" }), params: {}, context: {} }),
    );
    expect(wrongPassword.status).toBe(401);
    expect(unknownNumber.status).toBe(401);
    expect(await wrongPassword.text()).toBe(await unknownNumber.text());
  });

  it("refuses a deactivated member of staff", async () => {
    await createStaff({ employeeNumber: "456789", password: "pass-word-123", active: false });
    const response = await responseOf(
      loginAction({ request: loginRequest({ employeeNumber: "456789", password: "pass-word-123" }), params: {}, context: {} }),
    );
    expect(response.status).toBe(401);
  });

  it("asks for both fields when one is empty", async () => {
    const response = await responseOf(
      loginAction({ request: loginRequest({ employeeNumber: "", password: "x" }), params: {}, context: {} }),
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("職員番号とパスワードを入力してください");
  });
});

describe("requireUser", () => {
  it("sends an anonymous visitor to the login page, remembering where they were going", async () => {
    const response = await responseOf(requireUser(new Request("http://localhost/reports?year=2026")));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Freports%3Fyear%3D2026");
  });

  it("refuses a role that is not allowed with 403", async () => {
    const learner = await createStaff({ role: "LEARNER" });
    const cookie = await sessionCookieFor({ staffId: learner.id, sessionVersion: 0 });
    const request = new Request("http://localhost/admin", { headers: { Cookie: cookie } });
    const response = await responseOf(requireUser(request, { role: ["HR", "ADMIN"] }));
    expect(response.status).toBe(403);
  });

  it("ends every session of a person whose session version moved on", async () => {
    const person = await createStaff();
    const cookie = await sessionCookieFor({ staffId: person.id, sessionVersion: 0 });
    const request = () => new Request("http://localhost/", { headers: { Cookie: cookie } });
    expect((await requireUser(request())).id).toBe(person.id);
    await db.staff.update({ where: { id: person.id }, data: { sessionVersion: { increment: 1 } } });
    expect((await responseOf(requireUser(request()))).status).toBe(302);
  });
});

describe("home page", () => {
  it("says who you are: name, organisation, employee type and role", async () => {
    const person = await createStaff({ name: "試験 花子", organisationId: "fire", employeeTypeCode: "fiscal-year", role: "MANAGER" });
    const cookie = await sessionCookieFor({ staffId: person.id, sessionVersion: 0 });
    const { user } = await homeLoader({ request: new Request("http://localhost/", { headers: { Cookie: cookie } }), params: {}, context: {} });
    expect(user).toMatchObject({
      name: "試験 花子",
      organisationName: "消防本部",
      employeeTypeName: "会計年度任用職員",
      role: "MANAGER",
    });
  });
});
