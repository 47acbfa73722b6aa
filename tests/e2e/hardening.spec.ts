import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { expect, test } from "./fixtures.ts";

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
  expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
});

/** A request as a raw client sends it (any Host, any method, chunked bodies); the body as it travelled. */
function raw(
  baseURL: string,
  options: { method?: string; path?: string; headers?: Record<string, string>; chunks?: Iterable<Buffer> },
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { hostname, port, method: options.method ?? "GET", path: options.path ?? "/login", headers: options.headers },
      (response) => {
        const parts: Buffer[] = [];
        response.on("data", (part: Buffer) => parts.push(part));
        response.on("end", () =>
          resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(parts) }),
        );
      },
    );
    request.on("error", reject);
    for (const chunk of options.chunks ?? []) request.write(chunk);
    request.end();
  });
}

test("only GET, HEAD and POST reach the app; TRACE and the rest get 405", async ({ baseURL }) => {
  // (CONNECT never reaches a request handler: Node closes such a connection itself.)
  for (const method of ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"]) {
    const response = await raw(baseURL!, { method, path: "/login" });
    expect(response.status, method).toBe(405);
    expect(response.headers.allow).toBe("GET, HEAD, POST");
  }
});

test("a malformed Host or a target that is not a path gets 400, not 500", async ({ baseURL }) => {
  for (const host of ["ex ample", "evil.example/path", "a@b", "[::1", "host:99999999", "\u00e9xample"]) {
    expect((await raw(baseURL!, { headers: { Host: host } })).status, host).toBe(400);
  }
  expect((await raw(baseURL!, { path: "http://evil.example/login" })).status).toBe(400);
});

test("a POST that is not a form (text, JSON, none) gets 415", async ({ request }) => {
  for (const [type, data] of [
    ["text/plain", "employeeNumber=100001"],
    ["application/json", '{"employeeNumber":"100001"}'],
    ["application/xml", "<a/>"],
  ] as const) {
    const response = await request.post("/login", { headers: { "Content-Type": type }, data });
    expect(response.status(), type).toBe(415);
  }
  const { status } = await raw(test.info().project.use.baseURL!, { method: "POST", chunks: [Buffer.from("x")] });
  expect(status).toBe(415);
});

test("a chunked body past the limit is answered with 413, not a reset connection", async ({ baseURL }) => {
  const megabyte = Buffer.alloc(1024 * 1024, "a");
  const response = await raw(baseURL!, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" },
    chunks: Array.from({ length: 30 }, () => megabyte),
  });
  expect(response.status).toBe(413);
  expect(response.body.toString()).toContain("大きすぎます");
});

test("a write from another scheme of the same host is cross-site", async ({ request, baseURL }) => {
  const response = await request.post("/login", {
    headers: { Origin: baseURL!.replace("http:", "https:") },
    form: { employeeNumber: "100001", password: "mamori-demo-2026" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
});

test("pages and data for a signed-in person are never stored by the browser or a proxy", async ({ page, signIn }) => {
  await signIn("100001");
  const document = await page.goto("/");
  expect(document!.headers()["cache-control"]).toBe("no-store");
  const data = await page.request.get("/_root.data");
  expect(data.status()).toBe(200);
  expect(data.headers()["cache-control"]).toBe("no-store");
});

test("pages and the client build travel compressed to browsers that accept it", async ({ baseURL }) => {
  const page = await raw(baseURL!, { headers: { "Accept-Encoding": "gzip, deflate, br" } });
  expect(page.headers["content-encoding"]).toBe("br");
  expect(page.headers.vary).toContain("Accept-Encoding");
  expect(brotliDecompressSync(page.body).toString()).toContain("<html");
  const script = /<link rel="modulepreload" href="([^"]+)"/.exec(brotliDecompressSync(page.body).toString())![1]!;
  const plain = await raw(baseURL!, { path: script });
  const gzipped = await raw(baseURL!, { path: script, headers: { "Accept-Encoding": "gzip" } });
  expect(plain.headers["content-encoding"]).toBeUndefined();
  expect(gzipped.headers["content-encoding"]).toBe("gzip");
  expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
});
