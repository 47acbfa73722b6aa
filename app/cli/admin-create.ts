/**
 * `npm run admin:create -- --employee-number N --name "氏名" [--organisation ID|名称] [--reset]`
 *
 * Creates the first ADMIN of a new database (or another one), with a
 * one-time password printed here once — it goes to this terminal and
 * nowhere else — which must be changed at the first sign-in. Refuses a
 * number that exists. With --reset, issues a new one-time password to an
 * existing ADMIN instead, lifts their lockout and writes the audit log:
 * the way back in when every ADMIN is locked out.
 */
import { cliOptions } from "./options.ts";

const usage = 'npm run admin:create -- --employee-number <N> --name "<氏名>" [--organisation <id or name>] [--reset]';
const { values } = cliOptions(usage, {
  "employee-number": { type: "string" },
  name: { type: "string" },
  organisation: { type: "string" },
  reset: { type: "boolean", default: false },
});
const employeeNumber = values["employee-number"];
if (employeeNumber === undefined || (!values.reset && values.name === undefined)) {
  console.error(`--employee-number${values.reset ? "" : " and --name"} are required\nusage: ${usage}`);
  process.exit(2);
}

const { db } = await import("~/lib/db.server.ts");
const { createAdministrator, resetAdministrator } = await import("~/services/admin-account.server.ts");
try {
  const result = values.reset
    ? await resetAdministrator(employeeNumber)
    : await createAdministrator({ employeeNumber, name: values.name!, organisation: values.organisation });
  if (!result.ok) {
    console.error(result.problem);
    process.exitCode = 1;
  } else {
    console.log(
      [
        `${values.reset ? "New one-time password for the ADMIN" : "ADMIN created:"} ${result.employeeNumber}`,
        `one-time password: ${result.oneTimePassword}`,
        "It is shown only this once. Sign in with it; Mamori then asks for a new password.",
      ].join("\n"),
    );
  }
} finally {
  await db.$disconnect();
}
