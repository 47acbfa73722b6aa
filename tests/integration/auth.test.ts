import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { getUser, requireUser } from "~/lib/session.server.ts";
import { action as loginAction } from "~/routes/login.tsx";
import { action as passwordAction } from "~/routes/password.tsx";
import { verifyLogin } from "~/services/auth.server.ts";
import { loader as homeLoader } from "~/routes/_index.tsx";
import { createStaff } from "./factories.ts";
import { countRawQueries } from "./raw-queries.ts";
import { call, post, requestAs } from "./remix.ts";

const login = (fields: Record<string, string>) => call(loginAction, post("/login", fields));

describe("login", () => {
  it("signs in with the employee number and password and goes where asked", async () => {
    await createStaff({ employeeNumber: "123456", password: "pass-word-123" });
    const response = await login({ employeeNumber: "123456", password: "pass-word-123", redirectTo: "/learn" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/learn");
    expect(response.headers.get("Set-Cookie")).toMatch(/__mamori=.+HttpOnly; SameSite=Lax/);
  });

  it("accepts full-width digits typed with the IME on", async () => {
    await createStaff({ employeeNumber: "234567", password: "pass-word-123" });
    expect((await login({ employeeNumber: "２３４５６７", password: "pass-word-123" })).status).toBe(302);
  });

  it("gives the same message for a wrong password and an unknown number", async () => {
    await createStaff({ employeeNumber: "345678", password: "pass-word-123" });
    const wrongPassword = await login({ employeeNumber: "345678", password: "nope" });
    const unknownNumber = await login({ employeeNumber: "999999", password: "nope" });
    expect(wrongPassword.status).toBe(401);
    expect(unknownNumber.status).toBe(401);
    expect(await wrongPassword.text()).toBe(await unknownNumber.text());
  });

  it("refuses a deactivated member of staff", async () => {
    await createStaff({ employeeNumber: "456789", password: "pass-word-123", active: false });
    expect((await login({ employeeNumber: "456789", password: "pass-word-123" })).status).toBe(401);
  });

  it("asks for both fields when one is empty", async () => {
    const response = await login({ employeeNumber: "", password: "x" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("職員番号とパスワードを入力してください");
  });
});

describe("lockout", () => {
  const RIGHT = "right-password-1";
  const evaluated = (results: Awaited<ReturnType<typeof verifyLogin>>[]) =>
    results.filter((result) => result.ok || result.reason === "invalid").length;

  it("checks at most LOGIN_MAX_FAILURES guesses of a burst, and none once locked, not even the right one", async () => {
    await createStaff({ employeeNumber: "L40001", password: RIGHT });
    const burst = (passwords: string[]) => Promise.all(passwords.map((p) => verifyLogin("L40001", p, "10.0.4.1")));

    const wrong = await burst(Array.from({ length: 14 }, (_, i) => `wrong-${i}`));
    expect(evaluated(wrong)).toBe(env.LOGIN_MAX_FAILURES);
    expect(wrong.filter((result) => !result.ok && result.reason === "locked")).toHaveLength(
      14 - env.LOGIN_MAX_FAILURES,
    );

    const locked = await burst([RIGHT, "wrong-a", RIGHT, "wrong-b"]);
    expect(locked).toEqual(Array(4).fill({ ok: false, reason: "locked" }));
  });

  it("lets no more than LOGIN_MAX_FAILURES of 14 wrong guesses and the right one through at once", async () => {
    await createStaff({ employeeNumber: "L40002", password: RIGHT });
    const passwords = [...Array.from({ length: 14 }, (_, i) => `wrong-${i}`), RIGHT];
    const results = await Promise.all(passwords.map((p) => verifyLogin("L40002", p, "10.0.4.2")));
    expect(evaluated(results)).toBeLessThanOrEqual(env.LOGIN_MAX_FAILURES);
  });

  it("lets no burst from one address past LOGIN_THROTTLE_FAILURES, whichever numbers it tries", async () => {
    const guesses = Array.from({ length: env.LOGIN_THROTTLE_FAILURES + 20 }, (_, i) => `Z${i}`);
    const results = await Promise.all(guesses.map((number) => verifyLogin(number, "wrong", "198.51.100.77")));
    expect(results.filter((result) => !result.ok && result.reason === "throttled")).toHaveLength(20);
  });

  it("answers a locked account the same, status and words, for its right and a wrong password", async () => {
    await createStaff({ employeeNumber: "L40003", password: RIGHT });
    for (let i = 0; i < env.LOGIN_MAX_FAILURES; i++) {
      expect((await login({ employeeNumber: "L40003", password: `wrong-${i}` })).status).toBe(401);
    }
    const right = await login({ employeeNumber: "L40003", password: RIGHT });
    const wrong = await login({ employeeNumber: "L40003", password: "wrong-again" });
    const unknown = await login({ employeeNumber: "L49999", password: RIGHT });
    expect(right.status).toBe(401);
    expect(wrong.status).toBe(401);
    const body = await right.text();
    expect(body).toBe(await wrong.text());
    expect(body).toBe(await unknown.text());
  });

  it("counts wrong current passwords at /password, which lock the account like failed sign-ins", async () => {
    const person = await createStaff({ employeeNumber: "L40004", password: RIGHT });
    const change = async (current: string) =>
      call(
        passwordAction,
        await requestAs(person, "/password", {
          form: { current, next: "a-brand-new-pass", confirmation: "a-brand-new-pass" },
        }),
      );
    const before = (await db.password.findUniqueOrThrow({ where: { staffId: person.id } })).hash;
    for (let i = 0; i < env.LOGIN_MAX_FAILURES; i++) expect((await change(`guess-${i}`)).status).toBe(400);
    expect(await verifyLogin("L40004", RIGHT, "10.0.4.4")).toEqual({ ok: false, reason: "locked" });
    // The right current password does not get through the lock either.
    const right = await change(RIGHT);
    expect(right.status).toBe(400);
    expect(await right.text()).toContain(
      "現在のパスワードが正しくありません。ログインの失敗と合わせて続けて5回間違えると、15分間ロックされます。",
    );
    expect((await db.password.findUniqueOrThrow({ where: { staffId: person.id } })).hash).toBe(before);
  });
});

describe("requireUser", () => {
  it("sends an anonymous visitor to the login page, remembering where they were going", async () => {
    const response = await call(
      () => requireUser(new Request("http://localhost/reports?year=2026")),
      new Request("http://x/"),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Freports%3Fyear%3D2026");
  });

  it("refuses a role that is not allowed with 403", async () => {
    const learner = await createStaff({ role: "LEARNER" });
    const request = await requestAs(learner, "/admin");
    const response = await call(() => requireUser(request, { role: ["HR", "ADMIN"] }), request);
    expect(response.status).toBe(403);
  });

  it("ends every session of a person whose session version moved on", async () => {
    const person = await createStaff();
    const request = () => requestAs(person, "/");
    expect((await requireUser(await request())).id).toBe(person.id);
    await db.staff.update({ where: { id: person.id }, data: { sessionVersion: { increment: 1 } } });
    const response = await call(async () => requireUser(await request()), new Request("http://x/"));
    expect(response.status).toBe(302);
  });

  it("reads the signed-in person once per request, however many loaders ask", async () => {
    const person = await createStaff();
    const counter = countRawQueries();
    try {
      const request = await requestAs(person, "/");
      const [root, page] = await Promise.all([getUser(request), requireUser(request)]);
      expect(root?.id).toBe(person.id);
      expect(page).toBe(root);
      expect(counter.calls).toBe(1);
      // The next request asks again: a session ended in between must not outlive it.
      await db.staff.update({ where: { id: person.id }, data: { active: false } });
      expect(await getUser(await requestAs(person, "/"))).toBeNull();
      expect(counter.calls).toBe(2);
    } finally {
      counter.restore();
    }
  });
});

describe("home page", () => {
  it("says who you are: name, organisation, employee type and role", async () => {
    const person = await createStaff({
      name: "試験 花子",
      organisationId: "fire",
      employeeTypeCode: "fiscal-year",
      role: "MANAGER",
    });
    const response = await call(homeLoader, await requestAs(person, "/"));
    expect((await response.json()).user).toMatchObject({
      name: "試験 花子",
      organisationName: "消防本部",
      employeeTypeName: "会計年度任用職員",
      role: "MANAGER",
    });
  });
});
