import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { ROLES, type Role } from "~/domain/roles.ts";
import { action as staffAction, loader as staffLoader } from "~/routes/staff.$staffId.tsx";
import { createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

/**
 * Who may act on whom: every actor role × every target role × every intent
 * of the staff record page. Only an ADMIN may touch an ADMIN's account;
 * HR manages everyone else; LEARNER and MANAGER manage nobody.
 */
const INTENTS = [
  "save",
  "role-change",
  "make-admin",
  "deactivate",
  "reactivate",
  "reset-password",
  "unlock",
  "sign-out-everywhere",
  "extend",
] as const;
type Intent = (typeof INTENTS)[number];

/** A different role that is not ADMIN, for the role-change intent. */
const OTHER_ROLE: Record<Role, Role> = { LEARNER: "MANAGER", MANAGER: "LEARNER", HR: "LEARNER", ADMIN: "LEARNER" };

function expectedStatus(actor: Role, target: Role, intent: Intent): number {
  if (actor === "LEARNER" || actor === "MANAGER") return 403;
  if (intent === "sign-out-everywhere") return actor === "ADMIN" ? 200 : 403;
  // Training due dates are not the account: HR extends an ADMIN's as anyone's.
  if (intent === "extend") return 200;
  if (actor !== "ADMIN" && target === "ADMIN") return 403;
  if (intent === "make-admin" && actor !== "ADMIN") return 400; // the role field's own rule
  return 200;
}

const actors = {} as Record<Role, { id: number }>;

beforeAll(async () => {
  for (const role of ROLES) actors[role] = await createStaff({ role, organisationId: "fire" });
});

/** A fresh target for one case, in the state the intent acts on. */
async function targetFor(role: Role, intent: Intent) {
  const target = await createStaff({ role, active: intent !== "reactivate" });
  if (intent === "unlock")
    await db.staff.update({
      where: { id: target.id },
      data: { failedLogins: 5, lockedUntil: new Date(Date.now() + 3_600_000) },
    });
  const assignment = await db.assignment.create({
    data: {
      staffId: target.id,
      trackId: "annual-refresher",
      cycleKey: "FY2026",
      fiscalYear: 2026,
      dueDate: "2026-12-31",
    },
  });
  return { ...target, assignmentId: assignment.id };
}

function formFor(intent: Intent, target: Awaited<ReturnType<typeof targetFor>>): Record<string, string> {
  const record = {
    employeeNumber: target.employeeNumber,
    name: target.name,
    organisationId: target.organisationId,
    employeeTypeCode: target.employeeTypeCode,
    role: target.role,
    startDate: target.startDate,
  };
  switch (intent) {
    case "save":
      return { intent: "save", ...record, name: `${target.name} 改` };
    case "role-change":
      return { intent: "save", ...record, role: OTHER_ROLE[target.role as Role] };
    case "make-admin":
      return { intent: "save", ...record, role: "ADMIN", name: `${target.name} 改` };
    case "deactivate":
      return { intent, reason: "退職" };
    case "extend":
      return { intent, assignmentId: String(target.assignmentId), newDueDate: "2027-01-29", reason: "病気休暇" };
    default:
      return { intent };
  }
}

async function stateOf(staffId: number) {
  const [staff, password, assignments] = await Promise.all([
    db.staff.findUniqueOrThrow({ where: { id: staffId } }),
    db.password.findUnique({ where: { staffId } }),
    db.assignment.findMany({ where: { staffId }, orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify({ staff, password, assignments });
}

describe("who may act on whom on a staff record", () => {
  for (const actor of ROLES) {
    for (const target of ROLES) {
      for (const intent of INTENTS) {
        const status = expectedStatus(actor, target, intent);
        it(`${actor} → ${target}: ${intent} answers ${status}${status === 200 ? "" : " and changes nothing"}`, async () => {
          const person = await targetFor(target, intent);
          const before = await stateOf(person.id);
          const response = await call(
            staffAction,
            await requestAs(actors[actor], `/staff/${person.id}`, { form: formFor(intent, person) }),
            { staffId: String(person.id) },
          );
          expect(response.status).toBe(status);
          const after = await stateOf(person.id);
          if (status === 200) expect(after).not.toBe(before);
          else expect(after).toBe(before);
          if (status === 200 && intent === "reset-password") {
            expect((await response.json()).outcome.initialPassword).toMatch(/\S{8,}/);
          }
        });
      }
    }
  }

  it("shows HR an ADMIN's record without the forms that would change the account", async () => {
    const admin = await createStaff({ role: "ADMIN" });
    const asHr = await call(staffLoader, await requestAs(actors.HR, `/staff/${admin.id}`), {
      staffId: String(admin.id),
    });
    expect(asHr.status).toBe(200);
    expect(await asHr.json()).toMatchObject({ mayManageAccount: false });
    const asAdmin = await call(staffLoader, await requestAs(actors.ADMIN, `/staff/${admin.id}`), {
      staffId: String(admin.id),
    });
    expect(await asAdmin.json()).toMatchObject({ mayManageAccount: true });
  });
});
