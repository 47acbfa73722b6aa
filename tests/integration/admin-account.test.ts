import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { createAdministrator, resetAdministrator } from "~/services/admin-account.server.ts";
import { changePassword, verifyLogin } from "~/services/auth.server.ts";
import { runTsx } from "./cli.ts";
import { createStaff } from "./factories.ts";

const staffCount = () => db.staff.count();

describe("createAdministrator (npm run admin:create)", () => {
  it("creates an ADMIN whose one-time password signs in once and must be changed", async () => {
    const result = await createAdministrator({ employeeNumber: "ＦＡ００１", name: " 管理 花子 " });
    if (!result.ok) throw new Error(result.problem);
    expect(result.employeeNumber).toBe("FA001");
    const staff = await db.staff.findUniqueOrThrow({ where: { id: result.staffId }, include: { password: true } });
    expect(staff).toMatchObject({ employeeNumber: "FA001", name: "管理 花子", role: "ADMIN", active: true });
    expect(staff.password?.mustChange).toBe(true);
    expect(staff.password?.hash).not.toContain(result.oneTimePassword);

    const login = await verifyLogin("FA001", result.oneTimePassword, "10.1.0.1");
    expect(login).toMatchObject({ ok: true, staffId: result.staffId });
    const changed = await changePassword(result.staffId, {
      current: result.oneTimePassword,
      next: "a-new-password-of-the-admin",
      confirmation: "a-new-password-of-the-admin",
    });
    expect(changed.ok).toBe(true);
    expect((await db.password.findUniqueOrThrow({ where: { staffId: result.staffId } })).mustChange).toBe(false);

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "staff.create", targetId: String(staff.id) } });
    expect(audit).toMatchObject({ actorId: null, address: "cli" });
    expect(JSON.stringify(audit.detail)).not.toContain(result.oneTimePassword);
  });

  it("puts the ADMIN in the organisation named by id or by name, the city's first one otherwise", async () => {
    const byName = await createAdministrator({ employeeNumber: "FA002", name: "管理 二", organisation: "消防本部" });
    const byId = await createAdministrator({ employeeNumber: "FA003", name: "管理 三", organisation: "audit" });
    const first = await createAdministrator({ employeeNumber: "FA004", name: "管理 四" });
    const organisation = async (r: typeof byName) =>
      r.ok ? (await db.staff.findUniqueOrThrow({ where: { id: r.staffId } })).organisationId : r.problem;
    const firstOrganisation = await db.organisation.findFirstOrThrow({ orderBy: { sortOrder: "asc" } });
    expect([await organisation(byName), await organisation(byId), await organisation(first)]).toEqual([
      "fire",
      "audit",
      firstOrganisation.id,
    ]);
  });

  it("refuses an existing number, a malformed number, an empty name or an unknown organisation, writing nothing", async () => {
    const learner = await createStaff({ employeeNumber: "FA010" });
    await createAdministrator({ employeeNumber: "FA011", name: "管理 既存" });
    const before = await staffCount();
    const refusals = await Promise.all([
      createAdministrator({ employeeNumber: "FA010", name: "乗っ取り" }),
      createAdministrator({ employeeNumber: "FA011", name: "乗っ取り" }),
      createAdministrator({ employeeNumber: "FA 012!", name: "管理" }),
      createAdministrator({ employeeNumber: "", name: "管理" }),
      createAdministrator({ employeeNumber: "FA013", name: "   " }),
      createAdministrator({ employeeNumber: "FA014", name: "管理", organisation: "no-such-office" }),
    ]);
    expect(refusals.map((r) => (r.ok ? "created" : r.problem))).toEqual([
      "Employee number FA010 already exists as LEARNER: an ADMIN can grant them the ADMIN role in the browser.",
      "Employee number FA011 is already an ADMIN: add --reset to issue them a new one-time password.",
      '"FA012!" is not an employee number: use 1 to 20 digits, capital letters or hyphens.',
      "The employee number is empty: give it with --employee-number.",
      "The name is empty: give it with --name.",
      expect.stringMatching(/^No organisation "no-such-office": use one of .*fire/),
    ]);
    expect(await staffCount()).toBe(before);
    expect((await db.staff.findUniqueOrThrow({ where: { id: learner.id } })).role).toBe("LEARNER");
  });
});

describe("resetAdministrator (npm run admin:create -- --reset)", () => {
  it("gives a locked-out ADMIN a new one-time password, lifts the lock, ends their sessions and audits it", async () => {
    const admin = await createStaff({ employeeNumber: "FA020", role: "ADMIN", password: "forgotten-password-1" });
    const lockedUntil = new Date(Date.now() + 60 * 60_000);
    await db.staff.update({ where: { id: admin.id }, data: { failedLogins: 3, lockedUntil } });

    const result = await resetAdministrator("fa020");
    if (!result.ok) throw new Error(result.problem);
    const after = await db.staff.findUniqueOrThrow({ where: { id: admin.id }, include: { password: true } });
    expect(after).toMatchObject({ failedLogins: 0, lockedUntil: null, sessionVersion: admin.sessionVersion + 1 });
    expect(after.password?.mustChange).toBe(true);
    expect(await verifyLogin("FA020", "forgotten-password-1", "10.1.0.2")).toMatchObject({ ok: false });
    expect(await verifyLogin("FA020", result.oneTimePassword, "10.1.0.2")).toMatchObject({ ok: true });

    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "staff.password-reset", targetId: String(admin.id) },
    });
    expect(audit).toMatchObject({ actorId: null, address: "cli" });
  });

  it("refuses a number that is not an ADMIN, or not there, or a deactivated ADMIN, changing nothing", async () => {
    const learner = await createStaff({ employeeNumber: "FA030", password: "learner-password-1" });
    await createStaff({ employeeNumber: "FA031", role: "ADMIN", active: false });
    const refusals = await Promise.all([
      resetAdministrator("FA030"),
      resetAdministrator("FA039"),
      resetAdministrator("FA031"),
    ]);
    expect(refusals.map((r) => (r.ok ? "reset" : r.problem))).toEqual([
      "Employee number FA030 is LEARNER, not ADMIN: --reset only issues passwords to ADMIN accounts.",
      "No staff with employee number FA039: leave out --reset to create this ADMIN.",
      "The ADMIN FA031 is deactivated: create a new ADMIN with another employee number.",
    ]);
    expect(await verifyLogin("FA030", "learner-password-1", "10.1.0.3")).toMatchObject({
      ok: true,
      staffId: learner.id,
    });
    expect(await db.auditLog.count({ where: { action: "staff.password-reset", targetId: String(learner.id) } })).toBe(
      0,
    );
  });
});

describe("the admin:create command", () => {
  it("prints the one-time password once on success, and one sentence with a non-zero exit on a refusal", async () => {
    const created = await runTsx("app/cli/admin-create.ts", ["--employee-number", "FA040", "--name", "管理 四十"]);
    expect(created.status).toBe(0);
    const password = /one-time password: (\S+)/.exec(created.stdout)?.[1];
    expect(password).toBeDefined();
    expect(created.stdout.split(password!).length - 1).toBe(1);
    expect(created.stderr).not.toContain(password);
    expect(await verifyLogin("FA040", password!, "10.1.0.4")).toMatchObject({ ok: true });

    const again = await runTsx("app/cli/admin-create.ts", ["--employee-number", "FA040", "--name", "管理 四十"]);
    expect(again.status).toBe(1);
    expect(again.stderr.trim()).toBe(
      "Employee number FA040 is already an ADMIN: add --reset to issue them a new one-time password.",
    );
    expect(again.stdout).toBe("");

    const reset = await runTsx("app/cli/admin-create.ts", ["--employee-number", "FA040", "--reset"]);
    expect(reset.status).toBe(0);
    const next = /one-time password: (\S+)/.exec(reset.stdout)?.[1];
    expect(next).toBeDefined();
    expect(next).not.toBe(password);
    expect(await verifyLogin("FA040", next!, "10.1.0.4")).toMatchObject({ ok: true });
  });
});
