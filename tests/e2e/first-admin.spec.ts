import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { cityEnvironment, freePort, killGroup, npmStart, stop } from "./production-server.ts";

// The README's "Running in production", followed literally from an empty
// database: `SESSION_SECRET=… npm start`, then `npm run admin:create`, the
// first sign-in with the printed password, the forced change, and the
// staff import in the browser. The build is the one the browser tests share.
const DB = "tests/.tmp/first-admin.db";
const SECRET = "a-city-secret-of-more-than-32-characters-0123456789";

/** `npm run admin:create -- …` as an operator types it, with the server's settings. */
function adminCreate(environment: NodeJS.ProcessEnv, args: string[]) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const command = spawn("npm", ["run", "admin:create", "--", ...args], { env: environment });
    let stdout = "";
    let stderr = "";
    command.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    command.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    command.on("exit", (status) => resolve({ status, stdout, stderr }));
  });
}

test("from an empty database to an ADMIN who signs in, must change the password, and imports the staff", async ({
  page,
}) => {
  test.setTimeout(180_000);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${DB}${suffix}`, { force: true });
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const environment = cityEnvironment(DB, port, { SESSION_SECRET: SECRET });
  const { server, started, output } = npmStart(environment);
  try {
    expect((await started).exitCode, output()).toBeNull();

    const created = await adminCreate(environment, ["--employee-number", "000001", "--name", "山田 太郎"]);
    expect(created.status, created.stderr).toBe(0);
    const password = /one-time password: (\S+)/.exec(created.stdout)?.[1];
    expect(password, created.stdout).toBeDefined();
    // Printed once, on the terminal only: the server's output never sees it.
    expect(created.stdout.split(password!)).toHaveLength(2);
    expect(output()).not.toContain(password);

    // Run again, it refuses the number in one sentence.
    const again = await adminCreate(environment, ["--employee-number", "000001", "--name", "山田 太郎"]);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain("Employee number 000001 is already an ADMIN: add --reset");

    await page.goto(`${origin}/login`);
    await page.getByLabel("職員番号").fill("000001");
    await page.getByLabel("パスワード").fill(password!);
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(page).toHaveURL(/\/password$/);
    await expect(page.getByText("初期パスワードでログインしました")).toBeVisible();
    // Nothing else opens before the password is changed.
    await page.goto(`${origin}/staff/import`);
    await expect(page).toHaveURL(/\/password$/);
    await page.getByLabel("現在のパスワード").fill(password!);
    await page.getByLabel("新しいパスワード", { exact: true }).fill("the-city-admins-own-2026");
    await page.getByLabel("新しいパスワード（確認）").fill("the-city-admins-own-2026");
    await page.getByRole("button", { name: "変更する" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("ようこそ、山田 太郎さん");

    await page.goto(`${origin}/staff/import`);
    await page.getByLabel("CSVファイル").setInputFiles("tests/fixtures/staff-utf8.csv");
    await page.getByRole("button", { name: "内容を確認する" }).click();
    await expect(page.getByText("新規 3人、変更 0人、変更なし 0人")).toBeVisible();
    await page.getByRole("button", { name: "確定して取り込む" }).click();
    await expect(page.getByText("取り込みました：新規 3人")).toBeVisible();

    await page.goto(`${origin}/staff`);
    for (const name of ["山田 太郎", "青木 一郎", "石井 二葉", "上田 三郎"])
      await expect(page.getByRole("link", { name })).toBeVisible();
  } finally {
    await stop(server);
    await new Promise((resolve) => (server.exitCode === null ? server.once("exit", resolve) : resolve(null)));
    killGroup(server);
  }
});
