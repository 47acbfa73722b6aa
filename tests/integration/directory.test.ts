// Sign-in and staff sync against a real OpenLDAP server (tests/directory),
// started once per run by directory-setup.ts. This file's environment points
// Mamori at it, so routes use it exactly as in production.
await vi.hoisted(async () => {
  const { inject } = await import("vitest");
  const { testDirectoryEnv } = await import("../directory/slapd.ts");
  // An explicit floor for the timing test: BCRYPT_COST=4's default is a few milliseconds.
  Object.assign(process.env, testDirectoryEnv(inject("directoryUrl")), { LOGIN_FAILURE_MIN_MS: "300" });
});

import fc from "fast-check";
import { createServer, type Server, type Socket } from "node:net";
import { beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { db } from "~/lib/db.server.ts";
import { log } from "~/lib/log.server.ts";
import { env, parseEnv } from "~/lib/env.server.ts";
import { action as loginAction } from "~/routes/login.tsx";
import { action as syncAction, loader as syncLoader } from "~/routes/admin.directory.tsx";
import { loader as passwordLoader } from "~/routes/password.tsx";
import { action as staffRecordAction } from "~/routes/staff.$staffId.tsx";
import { verifyLogin } from "~/services/auth.server.ts";
import { checkDirectorySync, syncStaffFromDirectory } from "~/services/directory-sync.server.ts";
import { importStaff, readStaffCsv } from "~/services/staff-import.server.ts";
import {
  checkDirectoryPassword,
  directorySettings,
  directorySettingsOf,
  type DirectorySettings,
} from "~/services/ldap.server.ts";
import { CLI_ACTOR } from "~/domain/audit.ts";
import { startTestDirectory, testDirectoryEnv } from "../directory/slapd.ts";
import { createStaff } from "./factories.ts";
import { call, post, requestAs } from "./remix.ts";
import { runTsx } from "./cli.ts";

const AOKI_PASSWORD = "aoki-directory-pass";
const ADDRESS = "198.51.100.21";

function settingsFor(overrides: Record<string, string> = {}): DirectorySettings {
  return directorySettingsOf(
    parseEnv({ NODE_ENV: "test", ...testDirectoryEnv(inject("directoryUrl")), ...overrides }),
  )!;
}

/** A person who signs in through the directory. */
function directoryStaff(employeeNumber: string, fields: Parameters<typeof createStaff>[0] = {}) {
  return createStaff({ employeeNumber, ...fields }).then((staff) =>
    db.staff.update({ where: { id: staff.id }, data: { authSource: "DIRECTORY" } }),
  );
}

/** A TCP server that counts connections and never answers: a directory that hangs. */
async function silentServer(): Promise<{ settings: DirectorySettings; connections: () => number; close: () => void }> {
  let count = 0;
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => {
    count++;
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    settings: settingsFor({ LDAP_URL: `ldap://127.0.0.1:${port}`, LDAP_TIMEOUT_MS: "500" }),
    connections: () => count,
    close: () => {
      sockets.forEach((s) => s.destroy());
      server.close();
    },
  };
}

/** Forgets the people of the directory (and of these tests) between tests: each starts from the template's staff. */
beforeEach(async () => {
  const people = await db.staff.findMany({
    where: { OR: [{ employeeNumber: { startsWith: "D" } }, { employeeNumber: { startsWith: "L3" } }] },
    select: { id: true },
  });
  const ids = people.map((p) => p.id);
  await db.assignment.deleteMany({ where: { staffId: { in: ids } } });
  await db.password.deleteMany({ where: { staffId: { in: ids } } });
  await db.session.deleteMany({ where: { staffId: { in: ids } } });
  await db.staff.deleteMany({ where: { id: { in: ids } } });
  await db.loginThrottle.deleteMany();
});

describe("directory sign-in", () => {
  it("is configured from this file's environment", () => {
    expect(directorySettings?.url).toBe(inject("directoryUrl"));
  });

  it("signs in with the directory's password, through the login form", async () => {
    const aoki = await directoryStaff("D10001");
    await db.staff.update({ where: { id: aoki.id }, data: { failedLogins: 2 } });
    const response = await call(
      loginAction,
      post("/login", { employeeNumber: "ｄ１０００１", password: AOKI_PASSWORD }),
    );
    expect(response.status).toBe(302);
    expect((await db.staff.findUniqueOrThrow({ where: { id: aoki.id } })).failedLogins).toBe(0);
  });

  it("never accepts the old Mamori password of someone who now signs in through the directory", async () => {
    await directoryStaff("D10001", { password: "old-mamori-pass" });
    expect(await verifyLogin("D10001", "old-mamori-pass", ADDRESS)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a wrong password and counts it towards Mamori's lockout", async () => {
    const aoki = await directoryStaff("D10001");
    const response = await call(loginAction, post("/login", { employeeNumber: "D10001", password: "wrong" }));
    expect(response.status).toBe(401);
    expect((await db.staff.findUniqueOrThrow({ where: { id: aoki.id } })).failedLogins).toBe(1);
  });

  it("does not let HR issue a Mamori password to a directory learner", async () => {
    const hr = await createStaff({ role: "HR" });
    const aoki = await directoryStaff("D10001");
    await db.password.deleteMany({ where: { staffId: aoki.id } });
    const response = await call(
      staffRecordAction,
      await requestAs(hr, `/staff/${aoki.id}`, { form: { intent: "reset-password" } }),
      { staffId: String(aoki.id) },
    );
    expect(response.status).toBe(409);
    expect(await db.password.count({ where: { staffId: aoki.id } })).toBe(0);
  });

  it("refuses an empty password, which LDAP would take as an anonymous bind", async () => {
    expect(await checkDirectoryPassword(settingsFor(), "D10001", "")).toBe("invalid");
  });

  it("refuses people unknown to Mamori or to the directory", async () => {
    // In the directory, not in Mamori.
    expect(await verifyLogin("D10003", "ueda-directory-pass", ADDRESS)).toEqual({ ok: false, reason: "invalid" });
    // In Mamori as a directory person, not in the directory.
    await directoryStaff("D99999");
    expect(await verifyLogin("D99999", AOKI_PASSWORD, ADDRESS)).toEqual({ ok: false, reason: "invalid" });
    // An entry the filter does not find (no employeeID) cannot be used either.
    expect(await checkDirectoryPassword(settingsFor(), "kiosk", "kiosk-pass")).toBe("invalid");
  });

  it("does not ask the directory for someone locked in Mamori, even with the right password", async () => {
    const silent = await silentServer();
    try {
      const aoki = await directoryStaff("D10001");
      await db.staff.update({ where: { id: aoki.id }, data: { lockedUntil: new Date(Date.now() + 60_000) } });
      expect(await verifyLogin("D10001", AOKI_PASSWORD, ADDRESS, new Date(), settingsFor())).toEqual({
        ok: false,
        reason: "locked",
      });
      expect(await verifyLogin("D10001", AOKI_PASSWORD, ADDRESS, new Date(), silent.settings)).toEqual({
        ok: false,
        reason: "locked",
      });
      expect(silent.connections()).toBe(0);
    } finally {
      silent.close();
    }
  });

  it("does not ask the directory from a throttled address", async () => {
    const silent = await silentServer();
    try {
      await directoryStaff("D10001");
      await db.loginThrottle.create({ data: { address: ADDRESS, windowStart: new Date(), attempts: 100 } });
      expect(await verifyLogin("D10001", AOKI_PASSWORD, ADDRESS, new Date(), silent.settings)).toEqual({
        ok: false,
        reason: "throttled",
      });
      expect(silent.connections()).toBe(0);
    } finally {
      silent.close();
    }
  });

  it("locks the person in Mamori after too many wrong directory passwords, then stops asking", async () => {
    const aoki = await directoryStaff("D10001");
    for (let i = 0; i < 5; i++) await verifyLogin("D10001", `wrong-${i}`, ADDRESS);
    const locked = await db.staff.findUniqueOrThrow({ where: { id: aoki.id } });
    expect(locked.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    expect(await verifyLogin("D10001", AOKI_PASSWORD, ADDRESS)).toEqual({ ok: false, reason: "locked" });
  });

  describe("filter and DN injection", () => {
    // Each of these, put into the filter unescaped, would find aoki (or
    // everyone) and let aoki's password open another Mamori record.
    it.each([
      ["D10001*"],
      ["D1000*"],
      ["*"],
      ["D10001)(employeeID=*"],
      ["*)(|(employeeID=*"],
      ["D1000\\31"],
      ["D10001\u0000"],
      ["青木*"],
      ["Ｄ10001)(cn=*"],
    ])("%j finds nobody, and the directory still answers", async (employeeNumber) => {
      expect(await checkDirectoryPassword(settingsFor(), employeeNumber, AOKI_PASSWORD)).toBe("invalid");
    });

    it("keeps a crafted 職員番号 in Mamori from signing in with someone else's directory password", async () => {
      await directoryStaff("D10001)(EMPLOYEEID=*");
      expect(await verifyLogin("D10001)(employeeID=*", AOKI_PASSWORD, ADDRESS)).toEqual({
        ok: false,
        reason: "invalid",
      });
    });

    it("escapes the 職員番号 in a DN template too", async () => {
      const direct = settingsFor({ LDAP_USER_DN: "uid={職員番号},ou=staff,dc=city,dc=example" });
      expect(await checkDirectoryPassword(direct, "aoki", AOKI_PASSWORD)).toBe("ok");
      expect(await checkDirectoryPassword(direct, "aoki,ou=staff", AOKI_PASSWORD)).toBe("invalid");
      expect(await checkDirectoryPassword(direct, "sato,jr", "sato-pass")).toBe("ok");
      expect(await checkDirectoryPassword(direct, "aoki", "wrong")).toBe("invalid");
    });
  });

  describe("when the directory is down", () => {
    it("says so, without counting a failure, once the server is stopped", async () => {
      const own = await startTestDirectory();
      const settings = settingsFor({ LDAP_URL: own.url, LDAP_TIMEOUT_MS: "1000" });
      const aoki = await directoryStaff("D10001");
      expect((await verifyLogin("D10001", AOKI_PASSWORD, ADDRESS, new Date(), settings)).ok).toBe(true);
      await own.stop();
      const started = Date.now();
      expect(await verifyLogin("D10001", AOKI_PASSWORD, ADDRESS, new Date(), settings)).toEqual({
        ok: false,
        reason: "directoryUnavailable",
      });
      expect(Date.now() - started).toBeLessThan(1000);
      expect((await db.staff.findUniqueOrThrow({ where: { id: aoki.id } })).failedLogins).toBe(0);
    });

    it("gives up after the timeout when the directory accepts but never answers", async () => {
      const silent = await silentServer();
      try {
        await directoryStaff("D10001");
        const started = Date.now();
        expect(await verifyLogin("D10001", AOKI_PASSWORD, ADDRESS, new Date(), silent.settings)).toEqual({
          ok: false,
          reason: "directoryUnavailable",
        });
        const waited = Date.now() - started;
        expect(waited).toBeGreaterThanOrEqual(450);
        expect(waited).toBeLessThan(1500);
        expect(silent.connections()).toBe(1);
      } finally {
        silent.close();
      }
    });

    it("lets an administrator in with the Mamori password kept as a break-glass path", async () => {
      const silent = await silentServer();
      try {
        await directoryStaff("D10001", { role: "ADMIN", password: "break-glass-pass" });
        expect((await verifyLogin("D10001", "break-glass-pass", ADDRESS, new Date(), silent.settings)).ok).toBe(true);
        expect(silent.connections()).toBe(0);
        // A learner has no such path.
        await directoryStaff("D10002", { password: "break-glass-pass" });
        expect((await verifyLogin("D10002", "break-glass-pass", ADDRESS, new Date(), silent.settings)).ok).toBe(false);
      } finally {
        silent.close();
      }
    });

    it("refuses a wrong bind account as unavailable, not as the person's mistake, and logs which account", async () => {
      await directoryStaff("D10001");
      const wrongAccount = settingsFor({ LDAP_BIND_PASSWORD: "not-the-secret" });
      const logged = vi.spyOn(log, "error").mockImplementation(() => undefined);
      try {
        expect(await verifyLogin("D10001", AOKI_PASSWORD, ADDRESS, new Date(), wrongAccount)).toEqual({
          ok: false,
          reason: "directoryUnavailable",
        });
        const lines = logged.mock.calls.map((args) => args.map(String).join(" "));
        expect(lines).toEqual([
          "directory sign-in: the bind account cn=mamori,ou=services,dc=city,dc=example (LDAP_BIND_DN) was rejected " +
            "by the directory (invalid credentials): fix LDAP_BIND_PASSWORD",
        ]);
        expect(lines.join("\n")).not.toContain("not-the-secret");
      } finally {
        logged.mockRestore();
      }
    });
  });
});

describe("the time a failed sign-in takes", () => {
  it("is the same, within 20%, for an unknown number, a wrong Mamori or directory password and a locked account", async () => {
    await createStaff({ employeeNumber: "L30001", password: "mamori-pass-123" });
    await directoryStaff("D10001");
    const locked = await directoryStaff("D10002");
    const cases: Record<string, { employeeNumber: string; password: string }> = {
      "unknown number": { employeeNumber: "D99999", password: "some-guess" },
      "wrong Mamori password": { employeeNumber: "L30001", password: "some-guess" },
      "wrong directory password": { employeeNumber: "D10001", password: "some-guess" },
      "locked account": { employeeNumber: "D10002", password: "some-guess" },
    };
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
    // Round by round, so that a busy moment of the machine falls on every case alike.
    for (let round = 0; round < 7; round++) {
      await db.staff.updateMany({ where: { employeeNumber: { in: ["L30001", "D10001"] } }, data: { failedLogins: 0 } });
      await db.staff.update({ where: { id: locked.id }, data: { lockedUntil: new Date(Date.now() + 60_000) } });
      await db.loginThrottle.deleteMany();
      for (const [name, fields] of Object.entries(cases)) {
        const started = performance.now();
        const response = await call(loginAction, post("/login", fields));
        times[name]!.push(performance.now() - started);
        expect(response.status, name).toBe(401);
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const medians = Object.fromEntries(Object.entries(times).map(([name, values]) => [name, median(values)]));
    const slowest = Math.max(...Object.values(medians));
    const fastest = Math.min(...Object.values(medians));
    expect(fastest, JSON.stringify(medians)).toBeGreaterThanOrEqual(env.loginFailureMinMs - 1);
    expect(slowest / fastest, JSON.stringify(medians)).toBeLessThanOrEqual(1.2);
  });
});

describe("staff sync from the directory", () => {
  const stateOf = (employeeNumber: string) =>
    db.staff.findUnique({
      where: { employeeNumber },
      include: { section: true, assignments: true, password: true },
    });

  async function cityBeforeTheSync() {
    // aoki is in Mamori already, with a Mamori password, an older name and the MANAGER role.
    await createStaff({ employeeNumber: "D10001", name: "青木 洋子", role: "MANAGER" });
    // Signed in through the directory, but no longer in it.
    await directoryStaff("D20000", { name: "退職 予定" });
    // A Mamori-password person the directory does not know: not the sync's business.
    await createStaff({ employeeNumber: "L30000" });
  }

  it("dry run: says what would change and changes nothing", async () => {
    await cityBeforeTheSync();
    const check = await checkDirectorySync(settingsFor(), "ADMIN");
    if ("reason" in check || !check.ok) throw new Error(JSON.stringify(check));
    expect(check.found).toBe(3);
    expect(check.plan.created.map((r) => r.employeeNumber).sort()).toEqual(["D10002", "D10003"]);
    expect(check.plan.updated).toHaveLength(1);
    expect(check.plan.updated[0]!.changes).toEqual({
      name: ["青木 洋子", "青木 陽子"],
      nameKana: ["", "アオキ ヨウコ"],
      sectionName: [null, "情報政策課"],
      email: [null, "aoki@city.example"],
      authSource: ["LOCAL", "DIRECTORY"],
    });
    expect(check.plan.missing.map((m) => m.employeeNumber)).toEqual(["D20000"]);
    expect(await stateOf("D10002")).toBeNull();
    expect((await stateOf("D10001"))!.authSource).toBe("LOCAL");
  });

  it("applies: creates, updates and deactivates in one audited transaction, with assignments", async () => {
    await cityBeforeTheSync();
    const result = await syncStaffFromDirectory(settingsFor(), {
      actor: CLI_ACTOR,
      actorRole: null,
      deactivateMissing: true,
    });
    expect(result).toEqual({
      ok: true,
      created: 2,
      updated: 1,
      unchanged: 0,
      deactivated: 1,
      newSections: 3,
      missing: 1,
      protected: 0,
    });

    const aoki = (await stateOf("D10001"))!;
    expect(aoki).toMatchObject({ name: "青木 陽子", role: "MANAGER", authSource: "DIRECTORY", active: true });
    // Their Mamori password is gone, and the password page says where to change theirs.
    expect(aoki.password).toBeNull();
    const passwordPage = await call(passwordLoader, await requestAs(aoki, "/password"));
    expect(await passwordPage.json()).toEqual({ initial: false, directory: true });
    const ishii = (await stateOf("D10002"))!;
    expect(ishii).toMatchObject({
      name: "石井 翔",
      nameKana: "イシイ ショウ",
      organisationId: "fire",
      employeeTypeCode: "regular",
      role: "LEARNER",
      startDate: "2026-11-25",
      authSource: "DIRECTORY",
      email: null,
      password: null,
    });
    expect(ishii.section?.name).toBe("予防課");
    expect(ishii.assignments.length).toBeGreaterThan(0);
    expect((await stateOf("D10003"))!.organisationId).toBe("education-board");
    expect((await stateOf("D20000"))!.active).toBe(false);
    expect((await stateOf("L30000"))!.active).toBe(true);

    const audit = await db.auditLog.findMany({ where: { action: "staff.directory-sync", address: "cli" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ targetType: "directory", targetId: inject("directoryUrl"), address: "cli" });
    expect(audit[0]!.detail).toMatchObject({ created: 2, updated: 1, deactivatedNumbers: ["D20000"] });

    // The people it created sign in through the directory at once.
    expect((await verifyLogin("D10002", "ishii-directory-pass", ADDRESS)).ok).toBe(true);

    // A second sync finds nothing to do and audits nothing.
    const again = await syncStaffFromDirectory(settingsFor(), {
      actor: CLI_ACTOR,
      actorRole: null,
      deactivateMissing: true,
    });
    expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 3, deactivated: 0 });
    expect(await db.auditLog.count({ where: { action: "staff.directory-sync", address: "cli" } })).toBe(1);
  });

  it("keeps an administrator's Mamori password when the sync moves them to the directory", async () => {
    await createStaff({
      employeeNumber: "D10002",
      role: "ADMIN",
      organisationId: "fire",
      password: "break-glass-pass",
    });
    await syncStaffFromDirectory(settingsFor(), { actor: CLI_ACTOR, actorRole: null, deactivateMissing: false });
    const ishii = (await stateOf("D10002"))!;
    expect(ishii).toMatchObject({ authSource: "DIRECTORY", role: "ADMIN" });
    expect(ishii.password).not.toBeNull();
    expect((await verifyLogin("D10002", "break-glass-pass", ADDRESS)).ok).toBe(true);
  });

  it("lets the personnel CSV move a person to the directory too (ログイン方法)", async () => {
    await createStaff({ employeeNumber: "D10001", name: "青木 陽子", password: "old-mamori-pass" });
    const csv =
      "職員番号,氏名,所属,任用形態,採用日,ログイン方法\nD10001,青木 陽子,市長部局,常勤職員,2026/4/1,ディレクトリ\n";
    const result = await importStaff(await readStaffCsv("staff.csv", new TextEncoder().encode(csv)), {
      actor: CLI_ACTOR,
      actorRole: null,
      deactivateMissing: false,
    });
    expect(result).toMatchObject({ ok: true, updated: 1 });
    expect((await stateOf("D10001"))!).toMatchObject({ authSource: "DIRECTORY", password: null });
    expect((await verifyLogin("D10001", AOKI_PASSWORD, ADDRESS)).ok).toBe(true);
  });

  it("rejects the whole sync, naming each entry, when an entry breaks the import's rules", async () => {
    // 課 names are not 所属: every entry fails, and nothing is written.
    const wrongMapping = settingsFor({ LDAP_ATTR_ORGANISATION: "department" });
    const result = await syncStaffFromDirectory(wrongMapping, {
      actor: CLI_ACTOR,
      actorRole: null,
      deactivateMissing: false,
    });
    if ("reason" in result || result.ok) throw new Error(JSON.stringify(result));
    expect(result.problems).toHaveLength(3);
    expect(result.problems[0]).toMatchObject({ column: "所属", entry: "uid=aoki,ou=staff,dc=city,dc=example" });
    expect(result.problems[0]!.message).toContain("情報政策課");
    expect(await db.staff.count({ where: { employeeNumber: { startsWith: "D1000" } } })).toBe(0);
  });

  it("refuses an empty answer rather than deactivating everyone", async () => {
    await directoryStaff("D20000");
    const nobody = settingsFor({ LDAP_USER_FILTER: "(&(objectClass=device)(employeeID={職員番号}))" });
    expect(
      await syncStaffFromDirectory(nobody, { actor: CLI_ACTOR, actorRole: null, deactivateMissing: true }),
    ).toEqual({ ok: false, reason: "empty" });
    expect((await stateOf("D20000"))!.active).toBe(true);
  });

  it("needs the bind account: a direct-bind set-up cannot list the directory", async () => {
    const direct = settingsFor({ LDAP_BIND_DN: "", LDAP_USER_DN: "uid={職員番号},ou=staff,dc=city,dc=example" });
    expect(await checkDirectorySync({ ...direct, bindDn: undefined }, "ADMIN")).toEqual({
      ok: false,
      reason: "unavailable",
    });
  });

  it("changes nothing when the directory cannot be read", async () => {
    const silent = await silentServer();
    try {
      expect(await checkDirectorySync(silent.settings, "ADMIN")).toEqual({ ok: false, reason: "unavailable" });
    } finally {
      silent.close();
    }
  });
});

describe("the directory sync page", () => {
  let admin: Awaited<ReturnType<typeof createStaff>>;
  beforeAll(async () => {
    admin = await createStaff({ role: "ADMIN" });
  });

  it("shows where Mamori looks, never the bind password", async () => {
    const response = await call(syncLoader, await requestAs(admin, "/admin/directory"));
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({
      url: inject("directoryUrl"),
      baseDn: "ou=staff,dc=city,dc=example",
      filter: "(&(objectClass=inetOrgPerson)(employeeID={職員番号}))",
    });
    expect(body).not.toContain("bind-account-secret");
  });

  it("previews with the button, then applies", async () => {
    const preview = await call(syncAction, await requestAs(admin, "/admin/directory", { form: { intent: "check" } }));
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({ step: "preview", found: 3, plan: { created: 3, updated: 0 } });
    expect(await db.staff.count({ where: { employeeNumber: { startsWith: "D1000" } } })).toBe(0);

    const applied = await call(syncAction, await requestAs(admin, "/admin/directory", { form: { intent: "apply" } }));
    expect(await applied.json()).toEqual({
      step: "done",
      message: "同期しました：新規 3人、変更 0人、変更なし 0人、無効化 0人。",
    });
    expect(await db.auditLog.count({ where: { action: "staff.directory-sync", actorId: admin.id } })).toBe(1);
  });

  it("answers a malformed form with a message, not a 500", async () => {
    const response = await call(syncAction, await requestAs(admin, "/admin/directory", { form: { intent: "drop" } }));
    expect(response.status).toBe(400);
  });

  it("never answers random forms with a 500, and a refused one changes nothing", async () => {
    const field = fc.oneof(fc.constantFrom("intent", "deactivateMissing"), fc.string({ maxLength: 12 }));
    const value = fc.oneof(fc.constantFrom("check", "apply", "on", "", "APPLY"), fc.string({ maxLength: 40 }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(field, value), { maxLength: 6 }), async (entries) => {
        const form = new FormData();
        for (const [key, v] of entries) form.append(key, v);
        const before = JSON.stringify(await db.staff.findMany({ orderBy: { id: "asc" } }));
        const response = await call(syncAction, await requestAs(admin, "/admin/directory", { form }));
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          expect(JSON.stringify(await db.staff.findMany({ orderBy: { id: "asc" } }))).toBe(before);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe("npm run staff:sync-directory", () => {
  const sync = (...args: string[]) => runTsx("app/cli/staff-sync-directory.ts", args);

  it("dry run: prints what would change as one JSON line and writes nothing", async () => {
    const { status, stdout } = await sync("--dry-run", "--deactivate-missing");
    expect(status).toBe(0);
    // (The 課 exist by now: the syncs above created them.)
    expect(JSON.parse(stdout)).toEqual({
      dryRun: true,
      found: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      deactivated: 0,
      missing: 0,
      newSections: 0,
      errors: 0,
    });
    expect(await db.staff.count({ where: { authSource: "DIRECTORY" } })).toBe(0);
  });

  it("applies, then finds nothing left to do", async () => {
    const first = await sync();
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ created: 3, updated: 0, errors: 0 });
    expect(await db.staff.count({ where: { authSource: "DIRECTORY" } })).toBe(3);
    expect(JSON.parse((await sync()).stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it("refuses an unknown option with the usage", async () => {
    const { status, stderr } = await sync("--dry-rn");
    expect(status).toBe(2);
    expect(stderr).toContain("usage: npm run staff:sync-directory");
  });
});
