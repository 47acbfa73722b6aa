// The login form when the city's directory cannot be reached: this file's
// environment points Mamori at a loopback port where nothing listens.
await vi.hoisted(async () => {
  const { testDirectoryEnv } = await import("../directory/slapd.ts");
  Object.assign(process.env, testDirectoryEnv("ldap://127.0.0.1:1"));
});

import { describe, expect, it, vi } from "vitest";
import { db } from "~/lib/db.server.ts";
import { action as loginAction } from "~/routes/login.tsx";
import { action as syncAction } from "~/routes/admin.directory.tsx";
import { createStaff } from "./factories.ts";
import { call, post, requestAs } from "./remix.ts";

describe("with the directory down", () => {
  it("tells a learner in Japanese that the directory is unreachable, and counts no failure", async () => {
    const learner = await createStaff({ employeeNumber: "D10001" });
    await db.staff.update({ where: { id: learner.id }, data: { authSource: "DIRECTORY" } });
    const started = Date.now();
    const response = await call(loginAction, post("/login", { employeeNumber: "D10001", password: "anything" }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error:
        "庁内の認証サーバー（ディレクトリ）に接続できないため、ログインできません。しばらく時間をおいて再度お試しください。続く場合は情報政策課（システム管理者）へお知らせください。",
    });
    expect((await db.staff.findUniqueOrThrow({ where: { id: learner.id } })).failedLogins).toBe(0);
  });

  it("does not lock someone whose last allowed guess met the outage", async () => {
    const learner = await createStaff({ employeeNumber: "D10002" });
    await db.staff.update({ where: { id: learner.id }, data: { authSource: "DIRECTORY", failedLogins: 4 } });
    const response = await call(loginAction, post("/login", { employeeNumber: "D10002", password: "anything" }));
    expect(response.status).toBe(503);
    expect(await db.staff.findUniqueOrThrow({ where: { id: learner.id } })).toMatchObject({
      failedLogins: 4,
      lockedUntil: null,
    });
  });

  it("still signs in people with Mamori passwords", async () => {
    await createStaff({ employeeNumber: "L10001", password: "mamori-pass-123" });
    const response = await call(loginAction, post("/login", { employeeNumber: "L10001", password: "mamori-pass-123" }));
    expect(response.status).toBe(302);
  });

  it("refuses the sync and changes nothing", async () => {
    const admin = await createStaff({ role: "ADMIN" });
    const before = await db.staff.count();
    const response = await call(
      syncAction,
      await requestAs(admin, "/admin/directory", { form: { intent: "apply", deactivateMissing: "on" } }),
    );
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      step: "problems",
      message: expect.stringContaining("接続できません"),
    });
    expect(await db.staff.count()).toBe(before);
  });
});
