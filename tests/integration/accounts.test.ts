import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { requireUser } from "~/lib/session.server.ts";
import { verifyLogin } from "~/services/auth.server.ts";
import { action as loginAction } from "~/routes/login.tsx";
import { action as passwordAction } from "~/routes/password.tsx";
import { action as staffAction } from "~/routes/staff.$staffId.tsx";
import { action as newStaffAction } from "~/routes/staff.new.tsx";
import { loader as teamLoader } from "~/routes/team._index.tsx";
import { loader as teamMemberLoader } from "~/routes/team.$staffId.tsx";
import { loader as directoryLoader } from "~/routes/staff._index.tsx";
import { createStaff } from "./factories.ts";
import { call, post, requestAs } from "./remix.ts";

const minutes = (n: number) => n * 60_000;

async function signedIn(person: { id: number }) {
  const { sessionVersion } = await db.staff.findUniqueOrThrow({ where: { id: person.id } });
  return { id: person.id, sessionVersion };
}

async function stillSignedIn(session: { id: number; sessionVersion: number }) {
  const request = await requestAs(session, "/");
  return (await call(() => requireUser(request), request)).status === 200;
}

describe("lockout", () => {
  it("locks after 5 failures in a row, even for the right password, and releases after 15 minutes", async () => {
    const person = await createStaff({ employeeNumber: "L00001", password: "right-password-1" });
    const start = new Date("2026-06-01T09:00:00+09:00");
    for (let i = 0; i < 5; i++) {
      expect(await verifyLogin("L00001", "wrong", "10.0.0.1", start)).toEqual({ ok: false, reason: "invalid" });
    }
    const locked = await verifyLogin("L00001", "right-password-1", "10.0.0.1", new Date(start.getTime() + minutes(1)));
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    // A wrong password on a locked account is not checked either.
    expect(await verifyLogin("L00001", "wrong", "10.0.0.1", new Date(start.getTime() + minutes(2)))).toEqual({
      ok: false,
      reason: "locked",
    });

    const later = await verifyLogin("L00001", "right-password-1", "10.0.0.1", new Date(start.getTime() + minutes(16)));
    expect(later).toMatchObject({ ok: true, staffId: person.id });
  });

  it("resets the count after a successful login", async () => {
    await createStaff({ employeeNumber: "L00002", password: "right-password-1" });
    for (let i = 0; i < 4; i++) await verifyLogin("L00002", "wrong", "10.0.0.2");
    expect((await verifyLogin("L00002", "right-password-1", "10.0.0.2")).ok).toBe(true);
    for (let i = 0; i < 4; i++) await verifyLogin("L00002", "wrong", "10.0.0.2");
    expect((await verifyLogin("L00002", "right-password-1", "10.0.0.2")).ok).toBe(true);
  });

  it("can be lifted by HR, and the unlock is audited", async () => {
    const hr = await createStaff({ role: "HR" });
    const person = await createStaff({ employeeNumber: "L00003", password: "right-password-1" });
    for (let i = 0; i < 5; i++) await verifyLogin("L00003", "wrong", "10.0.0.3");
    expect((await verifyLogin("L00003", "right-password-1", "10.0.0.3")).ok).toBe(false);

    const response = await call(
      staffAction,
      await requestAs(hr, `/staff/${person.id}`, { form: { intent: "unlock" } }),
      { staffId: String(person.id) },
    );
    expect(response.status).toBe(200);
    expect((await verifyLogin("L00003", "right-password-1", "10.0.0.3")).ok).toBe(true);
    expect(
      await db.auditLog.findFirst({ where: { action: "staff.unlock", targetId: String(person.id) } }),
    ).toMatchObject({ actorId: hr.id });
  });

  it("tells the person at the login page, in Japanese, that failures lock the account, locked or not", async () => {
    await createStaff({ employeeNumber: "L00004", password: "right-password-1" });
    for (let i = 0; i < 5; i++)
      await call(loginAction, post("/login", { employeeNumber: "L00004", password: "wrong" }));
    const response = await call(
      loginAction,
      post("/login", { employeeNumber: "L00004", password: "right-password-1" }),
    );
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("続けて5回間違えると、15分間ログインできなくなります");
  });

  it("throttles an address after many failures, whichever numbers it tries", async () => {
    const address = "198.51.100.9";
    for (let i = 0; i < 100; i++) await verifyLogin(`X${i}`, "wrong", address);
    await createStaff({ employeeNumber: "L00005", password: "right-password-1" });
    expect(await verifyLogin("L00005", "right-password-1", address)).toEqual({ ok: false, reason: "throttled" });
    expect((await verifyLogin("L00005", "right-password-1", "198.51.100.10")).ok).toBe(true);
  });
});

describe("sessions end everywhere", () => {
  it("when the person changes their password — except in the browser that changed it", async () => {
    const person = await createStaff({ password: "old-password-123" });
    const other = await signedIn(person);
    const response = await call(
      passwordAction,
      await requestAs(other, "/password", {
        form: { current: "old-password-123", next: "a-brand-new-pass", confirmation: "a-brand-new-pass" },
      }),
    );
    expect(response.status).toBe(302);
    expect(await stillSignedIn(other)).toBe(false);
    expect(await stillSignedIn(await signedIn(person))).toBe(true);
  });

  it("when HR deactivates the person (retirement), and the deactivation is audited with its reason", async () => {
    const hr = await createStaff({ role: "HR" });
    const person = await createStaff();
    const session = await signedIn(person);
    await call(
      staffAction,
      await requestAs(hr, `/staff/${person.id}`, { form: { intent: "deactivate", reason: "令和8年3月31日 退職" } }),
      {
        staffId: String(person.id),
      },
    );
    expect(await stillSignedIn(session)).toBe(false);
    expect(await db.staff.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({ active: false });
    expect(
      await db.auditLog.findFirst({ where: { action: "staff.deactivate", targetId: String(person.id) } }),
    ).toMatchObject({
      actorId: hr.id,
      detail: { reason: "令和8年3月31日 退職" },
    });
  });

  it("when an administrator signs the person out everywhere; HR may not", async () => {
    const admin = await createStaff({ role: "ADMIN" });
    const hr = await createStaff({ role: "HR" });
    const person = await createStaff();
    const session = await signedIn(person);
    const params = { staffId: String(person.id) };
    const byHr = await call(
      staffAction,
      await requestAs(hr, `/staff/${person.id}`, { form: { intent: "sign-out-everywhere" } }),
      params,
    );
    expect(byHr.status).toBe(403);
    expect(await stillSignedIn(session)).toBe(true);
    await call(
      staffAction,
      await requestAs(admin, `/staff/${person.id}`, { form: { intent: "sign-out-everywhere" } }),
      params,
    );
    expect(await stillSignedIn(session)).toBe(false);
  });
});

describe("initial passwords", () => {
  it("are shown once on creation and must be changed at first login, under the rules", async () => {
    const hr = await createStaff({ role: "HR" });
    const created = await call(
      newStaffAction,
      await requestAs(hr, "/staff/new", {
        form: {
          employeeNumber: "６０００１",
          name: "新規 採用",
          organisationId: "fire",
          employeeTypeCode: "regular",
          role: "LEARNER",
          startDate: "2026-10-01",
        },
      }),
    );
    const { created: person } = await created.json();
    expect(person.initialPassword).toMatch(/^[A-Za-z2-9]{14}$/);
    const staff = await db.staff.findUniqueOrThrow({ where: { employeeNumber: "60001" } });

    const login = await verifyLogin("60001", person.initialPassword, "10.1.0.1");
    expect(login.ok).toBe(true);
    const session = { id: staff.id, sessionVersion: 0 };
    const home = await call(async ({ request }) => requireUser(request), await requestAs(session, "/"));
    expect(home.headers.get("Location")).toBe("/password");

    const change = async (next: string, confirmation = next) =>
      call(
        passwordAction,
        await requestAs(session, "/password", { form: { current: person.initialPassword, next, confirmation } }),
      );
    const tooShort = await change("short-pass");
    expect(JSON.stringify(await tooShort.json())).toContain("12文字以上");
    const sameAsInitial = await change(person.initialPassword);
    expect(JSON.stringify(await sameAsInitial.json())).toContain("現在のパスワードとは違う");
    const mismatch = await change("a-good-new-password", "a-good-new-passwort");
    expect(JSON.stringify(await mismatch.json())).toContain("一致しません");

    expect((await change("a-good-new-password")).status).toBe(302);
    expect(await db.password.findUniqueOrThrow({ where: { staffId: staff.id } })).toMatchObject({ mustChange: false });
    expect(
      await db.auditLog.findFirst({ where: { action: "staff.create", targetId: String(staff.id) } }),
    ).toMatchObject({ actorId: hr.id });
  });

  it("refuses the employee number as a password", async () => {
    const person = await createStaff({ employeeNumber: "123456789012", password: "old-password-123" });
    const response = await call(
      passwordAction,
      await requestAs(person, "/password", {
        form: {
          current: "old-password-123",
          next: "１２３４５６７８９０１２",
          confirmation: "１２３４５６７８９０１２",
        },
      }),
    );
    expect(JSON.stringify(await response.json())).toContain("職員番号をパスワードにすることはできません");
  });
});

describe("roles", () => {
  it("lets only an administrator grant the administrator role", async () => {
    const hr = await createStaff({ role: "HR" });
    const person = await createStaff({ employeeNumber: "R00001" });
    const form = {
      intent: "save",
      employeeNumber: "R00001",
      name: "x",
      organisationId: "mayor",
      employeeTypeCode: "regular",
      role: "ADMIN",
      startDate: "2026-04-01",
    };
    const response = await call(staffAction, await requestAs(hr, `/staff/${person.id}`, { form }), {
      staffId: String(person.id),
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("システム管理者だけ");
    expect((await db.staff.findUniqueOrThrow({ where: { id: person.id } })).role).toBe("LEARNER");

    const admin = await createStaff({ role: "ADMIN" });
    await call(staffAction, await requestAs(admin, `/staff/${person.id}`, { form }), { staffId: String(person.id) });
    expect((await db.staff.findUniqueOrThrow({ where: { id: person.id } })).role).toBe("ADMIN");
    expect(
      await db.auditLog.findFirst({ where: { action: "staff.role-change", targetId: String(person.id) } }),
    ).toMatchObject({
      actorId: admin.id,
      detail: { role: ["LEARNER", "ADMIN"] },
    });
  });
});

describe("担当 (duties) on the staff page", () => {
  it("saves the ticked duties, assigns their courses, audits the change, and clears them when unticked", async () => {
    const hr = await createStaff({ role: "HR" });
    const person = await createStaff({ employeeNumber: "D00001" });
    const form = (duties: string[]) => {
      const data = new FormData();
      for (const [key, value] of Object.entries({
        intent: "save",
        employeeNumber: "D00001",
        name: "担当 太郎",
        organisationId: "mayor",
        employeeTypeCode: "regular",
        role: "LEARNER",
        startDate: "2015-04-01",
      }))
        data.append(key, value);
      for (const duty of duties) data.append("duties", duty);
      return data;
    };
    const save = async (duties: string[]) =>
      call(staffAction, await requestAs(hr, `/staff/${person.id}`, { form: form(duties) }), {
        staffId: String(person.id),
      });

    expect((await save(["system-admin", "executive"])).status).toBe(200);
    expect((await db.staff.findUniqueOrThrow({ where: { id: person.id } })).duties).toBe("system-admin executive");
    const tracks = (await db.assignment.findMany({ where: { staffId: person.id } })).map((a) => a.trackId).sort();
    expect(tracks).toEqual(expect.arrayContaining(["executive-course", "system-admin-course"]));
    expect(
      await db.auditLog.findFirst({ where: { action: "staff.update", targetId: String(person.id) } }),
    ).toMatchObject({ detail: expect.objectContaining({ duties: ["", "system-admin executive"] }) });

    expect((await save(["mayor"])).status).toBe(400);
    expect((await db.staff.findUniqueOrThrow({ where: { id: person.id } })).duties).toBe("system-admin executive");

    expect((await save([])).status).toBe(200);
    expect((await db.staff.findUniqueOrThrow({ where: { id: person.id } })).duties).toBe("");
  });
});

describe("manager scoping", () => {
  it("shows a manager their own organisation only, whatever id is put in the URL", async () => {
    const manager = await createStaff({ role: "MANAGER", organisationId: "fire" });
    const colleague = await createStaff({ organisationId: "fire", name: "消防 職員" });
    const outsider = await createStaff({ organisationId: "mayor", name: "市長部局 職員" });

    const team = await (await call(teamLoader, await requestAs(manager, "/team"))).json();
    const names = team.team.members.map((p: { name: string }) => p.name);
    expect(names).toContain("消防 職員");
    expect(names).not.toContain("市長部局 職員");

    const own = await call(teamMemberLoader, await requestAs(manager, `/team/${colleague.id}`), {
      staffId: String(colleague.id),
    });
    expect(own.status).toBe(200);
    const other = await call(teamMemberLoader, await requestAs(manager, `/team/${outsider.id}`), {
      staffId: String(outsider.id),
    });
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain("市長部局 職員");

    const directory = await call(directoryLoader, await requestAs(manager, "/staff"));
    expect(directory.status).toBe(403);
    const staffPage = await call(
      staffAction,
      await requestAs(manager, `/staff/${outsider.id}`, { form: { intent: "unlock" } }),
      { staffId: String(outsider.id) },
    );
    expect(staffPage.status).toBe(403);
  });
});

describe("audit log", () => {
  it("refuses changes and deletions at the database", async () => {
    const hr = await createStaff({ role: "HR" });
    const person = await createStaff();
    await call(staffAction, await requestAs(hr, `/staff/${person.id}`, { form: { intent: "reset-password" } }), {
      staffId: String(person.id),
    });
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "staff.password-reset" } });
    expect(entry).toMatchObject({ actorId: hr.id, address: "203.0.113.7", targetId: String(person.id) });
    // The trigger's RAISE surfaces through Prisma as a constraint error.
    await expect(db.auditLog.update({ where: { id: entry.id }, data: { action: "x" } })).rejects.toThrow();
    await expect(db.auditLog.delete({ where: { id: entry.id } })).rejects.toThrow();
    expect(await db.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).toEqual(entry);
  });
});
