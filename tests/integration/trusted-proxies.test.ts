// Forwarding headers through Mamori's own HTTP server: believed from a
// listed reverse proxy (TRUSTED_PROXIES), ignored from anyone else.
import type { ServerBuild } from "@remix-run/node";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { createAppServer } from "~/lib/http-server.server.ts";
import { parseEnv } from "~/lib/env.server.ts";

/** A one-route build whose loader answers what the server told it: the URL's scheme and the client's address. */
const build = {
  mode: "production",
  basename: undefined,
  publicPath: "/",
  assetsBuildDirectory: "build/client",
  future: {},
  isSpaMode: false,
  entry: { module: { default: () => new Response("") } },
  assets: { url: "/manifest.js", version: "1", entry: { module: "/entry.js", imports: [] }, routes: {} },
  routes: {
    root: {
      id: "root",
      path: "",
      module: {
        loader: ({ request, context }: { request: Request; context: { clientAddress: string } }) =>
          Response.json({ protocol: new URL(request.url).protocol, clientAddress: context.clientAddress }),
      },
    },
  },
} as unknown as ServerBuild;

async function serve(trustedProxies: string[]) {
  const server = createAppServer({ build, mode: "production", trustedProxies });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const servers: ReturnType<typeof createAppServer>[] = [];
afterAll(() => servers.forEach((server) => server.close()));

const forwarded = { "X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.1, 198.51.100.7" };

describe("X-Forwarded-Proto and X-Forwarded-For", () => {
  it("are ignored from an address that is not a listed proxy: plain HTTP, no HSTS, the socket's address", async () => {
    const origin = await serve([]);
    const page = await fetch(`${origin}/`, { headers: forwarded });
    expect(page.headers.get("Strict-Transport-Security")).toBeNull();
    expect(await page.json()).toEqual({ protocol: "http:", clientAddress: "127.0.0.1" });
    // The cross-site check compares the browser's origin with http://…, so an https:// origin is refused.
    const write = await fetch(`${origin}/`, {
      method: "POST",
      headers: { ...forwarded, Origin: origin.replace("http:", "https:"), "Content-Type": "text/plain" },
      body: "x",
    });
    expect(write.status).toBe(403);
  });

  it("are believed from a listed proxy: HTTPS with HSTS, the client's address", async () => {
    const origin = await serve(["192.0.2.200", "127.0.0.1"]);
    const page = await fetch(`${origin}/`, { headers: forwarded });
    expect(page.headers.get("Strict-Transport-Security")).toMatch(/max-age=/);
    expect(await page.json()).toEqual({ protocol: "https:", clientAddress: "198.51.100.7" });
    // Past the cross-site check (same origin, https), stopped only by the body type.
    const write = await fetch(`${origin}/`, {
      method: "POST",
      headers: { ...forwarded, Origin: origin.replace("http:", "https:"), "Content-Type": "text/plain" },
      body: "x",
    });
    expect(write.status).toBe(415);
  });

  it("skips listed proxies in X-Forwarded-For and ignores what is not an address", async () => {
    const origin = await serve(["127.0.0.1", "10.0.0.2"]);
    const through = await fetch(`${origin}/`, { headers: { "X-Forwarded-For": "203.0.113.5, 10.0.0.2" } });
    expect(await through.json()).toMatchObject({ protocol: "http:", clientAddress: "203.0.113.5" });
    const junk = await fetch(`${origin}/`, { headers: { "X-Forwarded-For": "not-an-address" } });
    expect(await junk.json()).toMatchObject({ clientAddress: "127.0.0.1" });
  });
});

describe("TRUSTED_PROXIES", () => {
  it("is a comma-separated list of IP addresses, empty by default", () => {
    expect(parseEnv({ NODE_ENV: "test" }).TRUSTED_PROXIES).toEqual([]);
    expect(parseEnv({ NODE_ENV: "test", TRUSTED_PROXIES: "10.0.0.1, ::1" }).TRUSTED_PROXIES).toEqual([
      "10.0.0.1",
      "::1",
    ]);
    expect(() => parseEnv({ NODE_ENV: "test", TRUSTED_PROXIES: "proxy.city.local" })).toThrow(/TRUSTED_PROXIES/);
  });
});
