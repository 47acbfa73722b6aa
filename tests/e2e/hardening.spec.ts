import { expect, test } from "@playwright/test";

test("every page carries the security headers, and scripts carry the CSP nonce", async ({ request }) => {
  const response = await request.get("/login");
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).not.toMatch(/https?:\/\//);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  const html = await response.text();
  const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
});

test("pages run under the CSP with no violation in the browser", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto("/login");
  await page.getByLabel("職員番号").fill("100001");
  await page.getByLabel("パスワード").fill("mamori-demo-2026");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("山田");
  expect(violations).toEqual([]);
});

test("a cross-site form post is refused with 403", async ({ request, baseURL }) => {
  const crossSite = await request.post("/login", {
    headers: { Origin: "http://evil.example" },
    form: { employeeNumber: "100001", password: "mamori-demo-2026" },
    maxRedirects: 0,
  });
  expect(crossSite.status()).toBe(403);
  const sameSite = await request.post("/login", {
    headers: { Origin: baseURL! },
    form: { employeeNumber: "100001", password: "wrong" },
    maxRedirects: 0,
  });
  expect(sameSite.status()).toBe(401);
});

test("an oversized body is refused with a clear message", async ({ request }) => {
  const response = await request.post("/login", {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    data: `employeeNumber=${"1".repeat(26 * 1024 * 1024)}`,
  });
  expect(response.status()).toBe(413);
  expect(await response.text()).toContain("大きすぎます");
});

test("/healthz answers for the load balancer without a login", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.text()).toBe("ok");
});
