import { describe, expect, it } from "vitest";
import { action as loginAction } from "~/routes/login.tsx";
import { createStaff } from "./factories.ts";
import { call, post } from "./remix.ts";

describe("the redirect after login", () => {
  it.each([
    ["/\t/evil.example", "/"],
    ["/\\/evil.example", "/"],
    ["/%09/evil.example", "/"],
    ["/learn\r\nSet-Cookie: x=1", "/"],
    ["/reports?year=2026", "/reports?year=2026"],
  ])("answers redirectTo=%j with Location %j", async (redirectTo, location) => {
    const staff = await createStaff({ password: "pass-word-123" });
    const response = await call(
      loginAction,
      post("/login", { employeeNumber: staff.employeeNumber, password: "pass-word-123", redirectTo }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(location);
  });
});
