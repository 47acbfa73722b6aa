import { describe, expect, it } from "vitest";
import { action as receiptAction } from "~/routes/bulletins.$bulletinId.tsx";
import { action as loginAction, loader as loginLoader } from "~/routes/login.tsx";
import { createBulletin } from "~/services/bulletins.server.ts";
import { createStaff } from "./factories.ts";
import { call, post, requestAs } from "./remix.ts";

/** Targets that leave Mamori once the URL parser has resolved them: each must land on "/" (or the page's own fallback). */
const OFF_SITE = [
  "/\t/evil.example",
  "/\\/evil.example",
  "/%09/evil.example",
  "/learn\r\nSet-Cookie: x=1",
  "/.//evil.example",
  "/..//evil.example",
  "/a/..//evil.example",
  "/%2e//evil.example",
  "/%2e%2e//evil.example",
  "/.%2e//evil.example",
  "/././/evil.example",
  "/x/../..//evil.example",
];

const offSite = (location: string | null) => location === null || location.startsWith("//") || /^\/\\/.test(location);

describe("the redirect after login", () => {
  it.each([...OFF_SITE.map((to) => [to, "/"]), ["/reports?year=2026", "/reports?year=2026"]])(
    "POST /login with redirectTo=%j answers Location %j",
    async (redirectTo, location) => {
      const staff = await createStaff({ password: "pass-word-123" });
      const response = await call(
        loginAction,
        post("/login", { employeeNumber: staff.employeeNumber, password: "pass-word-123", redirectTo }),
      );
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe(location);
    },
  );

  it.each(OFF_SITE)(
    "GET /login?redirectTo=%j neither sends a signed-in browser away nor puts it in the form",
    async (to) => {
      const staff = await createStaff();
      const signedIn = await call(loginLoader, await requestAs(staff, `/login?redirectTo=${encodeURIComponent(to)}`));
      expect(signedIn.status).toBe(302);
      expect(signedIn.headers.get("Location")).toBe("/");
      const anonymous = await call(
        loginLoader,
        new Request(`http://localhost/login?redirectTo=${encodeURIComponent(to)}`),
      );
      expect(await anonymous.json()).toEqual({ redirectTo: "/" });
    },
  );

  it("GET /login?redirectTo= of a page on Mamori keeps it", async () => {
    const staff = await createStaff();
    const response = await call(loginLoader, await requestAs(staff, "/login?redirectTo=%2Flearn%2F..%2Freports"));
    expect(response.headers.get("Location")).toBe("/reports");
  });
});

describe("the redirect after a bulletin's 「読みました」", () => {
  it.each(OFF_SITE)("POST /bulletins/<id> with redirectTo=%j stays on Mamori", async (redirectTo) => {
    const hr = await createStaff({ role: "HR" });
    const created = await createBulletin(
      {
        title: "お知らせ",
        body: "本文",
        publishOn: "2026-11-20",
        mustConfirm: false,
        byMail: false,
        organisationIds: [],
        employeeTypeCodes: [],
        roles: [],
      },
      { staffId: hr.id, address: "203.0.113.7" },
    );
    if (!created.ok) throw new Error(created.error);
    const reader = await createStaff();
    const response = await call(
      receiptAction,
      await requestAs(reader, `/bulletins/${created.id}`, { form: { intent: "read", redirectTo } }),
      { bulletinId: String(created.id) },
    );
    expect(response.status).toBe(302);
    const location = response.headers.get("Location");
    expect(offSite(location)).toBe(false);
    expect(location).toBe(`/bulletins/${created.id}`);
  });
});
