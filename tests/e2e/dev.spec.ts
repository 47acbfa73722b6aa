import { spawn, execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { freePort } from "./production-server.ts";

// `npm run dev` as a developer runs it: Vite's hot reload inside Mamori's own
// server, so that sign-in works and every response carries the same checks
// and headers as in production.
const DB = "tests/.tmp/dev.db";

test("npm run dev serves through Mamori's server: sign-in works, with the CSP and the cross-site check", async () => {
  test.setTimeout(180_000);
  rmSync(DB, { force: true });
  // A port nothing listens on, so that the pages read below are this server's.
  const PORT = await freePort();
  const ORIGIN = `http://127.0.0.1:${PORT}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:./${DB}`,
    HOST: "127.0.0.1",
    PORT: String(PORT),
  };
  for (const name of ["NODE_ENV", "SESSION_SECRET", "SESSION_COOKIE_SECURE"]) delete env[name];
  for (const step of ["app/cli/db-setup.ts", "prisma/seed/load-demo.ts"])
    execFileSync("node_modules/.bin/tsx", [step], { env: { ...env, BCRYPT_COST: "4" } });
  const server = spawn("npm", ["run", "dev"], { env, detached: true, stdio: "ignore" });
  try {
    let page: Response | undefined;
    for (let i = 0; i < 600 && !page?.ok; i++) {
      page = await fetch(`${ORIGIN}/login`).catch(() => undefined);
      if (!page?.ok) await new Promise((r) => setTimeout(r, 200));
    }
    expect(page?.status).toBe(200);
    expect(page!.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    // The development build, with its hot-reload runtime.
    expect(await page!.text()).toContain("virtual:remix/inject-hmr-runtime");

    const form = new URLSearchParams({ employeeNumber: "100001", password: "mamori-demo-2026" });
    const login = await fetch(`${ORIGIN}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: ORIGIN },
      body: form,
    });
    expect(login.status).toBe(302);
    const cookie = login.headers.get("Set-Cookie")!.split(";")[0]!;
    const home = await fetch(`${ORIGIN}/`, { headers: { Cookie: cookie } });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("山田");

    const crossSite = await fetch(`${ORIGIN}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: "http://evil.example" },
      body: form,
    });
    expect(crossSite.status).toBe(403);
  } finally {
    process.kill(-server.pid!, "SIGTERM");
  }
});
