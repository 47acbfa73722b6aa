// The session cookie as production sends it (Secure): this file's
// environment turns SESSION_COOKIE_SECURE on before the app is imported.
await vi.hoisted(() => {
  process.env.SESSION_COOKIE_SECURE = "true";
});

import { describe, expect, it, vi } from "vitest";
import { getUser } from "~/lib/session.server.ts";
import { action as loginAction } from "~/routes/login.tsx";
import { createStaff } from "./factories.ts";
import { call, post } from "./remix.ts";

describe("the session cookie over HTTPS", () => {
  it("is a __Host- cookie: Secure, Path=/, no Domain, and it signs the person in", async () => {
    const person = await createStaff({ employeeNumber: "567890", password: "pass-word-123" });
    const response = await call(loginAction, post("/login", { employeeNumber: "567890", password: "pass-word-123" }));
    expect(response.status).toBe(302);
    const setCookie = response.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/^__Host-mamori=[^;]+; /);
    const attributes = setCookie.split("; ").slice(1);
    expect(attributes).toEqual(expect.arrayContaining(["Path=/", "Secure", "HttpOnly", "SameSite=Lax"]));
    expect(attributes.some((attribute) => /^domain=/i.test(attribute))).toBe(false);

    const cookie = setCookie.split(";")[0]!;
    expect((await getUser(new Request("https://localhost/", { headers: { Cookie: cookie } })))?.id).toBe(person.id);
    // The plain name is not read in its place: a cookie planted without the prefix signs nobody in.
    const planted = cookie.replace(/^__Host-mamori=/, "__mamori=");
    expect(await getUser(new Request("https://localhost/", { headers: { Cookie: planted } }))).toBeNull();
  });
});
