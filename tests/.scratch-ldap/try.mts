import { startTestDirectory } from "/work/wt/ldap/tests/directory/slapd.ts";
const d = await startTestDirectory();
console.log(d.url);
const { execSync } = await import("node:child_process");
console.log(execSync(`ldapsearch -x -H ${d.url} -D cn=mamori,ou=services,dc=city,dc=example -w bind-account-secret -b dc=city,dc=example "(employeeID=D1000*)" displayName company`).toString().slice(0, 600));
await d.stop();
console.log("stopped");
