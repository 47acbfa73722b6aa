import { describe, expect, it } from "vitest";
import { isSafeLinkHref, safeRedirect } from "~/lib/safe-redirect.ts";

describe("safeRedirect keeps same-origin paths", () => {
  it.each([
    ["/", "/"],
    ["/learn", "/learn"],
    ["/learn/12/quiz", "/learn/12/quiz"],
    ["/reports?year=2026&org=fire", "/reports?year=2026&org=fire"],
    ["/reports?q=%E5%B1%B1%E7%94%B0", "/reports?q=%E5%B1%B1%E7%94%B0"],
    ["/staff#account", "/staff#account"],
    ["/staff?q=%E5%B1%B1%E7%94%B0%20%E8%8A%B1", "/staff?q=%E5%B1%B1%E7%94%B0%20%E8%8A%B1"],
    ["/reports/questions/threats-01", "/reports/questions/threats-01"],
    // Dot segments are resolved, and the result is what the browser is sent.
    ["/learn/./12", "/learn/12"],
    ["/learn/../staff", "/staff"],
    ["/a/b/../../learn", "/learn"],
    ["/%2e/learn", "/learn"],
  ])("%j → %j", (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
  });
});

/**
 * Forms that browsers (or proxies in front of Mamori) read as another
 * origin, or that smuggle a header line: every one falls back to "/".
 */
const BYPASSES = [
  "//evil.example",
  "///evil.example",
  "////evil.example/",
  "/\\evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/\\/evil.example",
  "/\t/evil.example",
  "/\t\\evil.example",
  "\t//evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/learn\r\nSet-Cookie: x=1",
  "/learn\u0000",
  "/\u007f/evil.example",
  "/%09/evil.example",
  "/%0d%0a/evil.example",
  "/%2F%2Fevil.example",
  "/%2f/evil.example",
  "/%5C%5Cevil.example",
  "/%5cevil.example",
  "https://evil.example/",
  "https:evil.example",
  "https:/evil.example",
  "http:\\\\evil.example",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "\uFF0F\uFF0Fevil.example",
  "/\uFF0Fevil.example",
  "\uFF3C\uFF3Cevil.example",
  " //evil.example",
  "/ /evil.example",
  "//evil.example%2F@localhost",
  "/\u2028/evil.example",
  "evil.example",
  "learn",
  "",
  "/" + "a".repeat(3000),
  // Dot segments that the URL parser resolves into a leading "//" or "/\\".
  "/.//evil.example",
  "/..//evil.example",
  "/a/..//evil.example",
  "/%2e//evil.example",
  "/%2E//evil.example",
  "/%2e%2e//evil.example",
  "/.%2e//evil.example",
  "/%2e.//evil.example",
  "/././/evil.example",
  "/x/../..//evil.example",
  "/x/y/../..//evil.example",
  "/learn/../..//evil.example/path?q=1#h",
  "/.///evil.example",
  "/./%2e//evil.example",
];

describe("safeRedirect refuses every other-origin or smuggling form", () => {
  it("tests at least fifty bypass forms", () => {
    expect(BYPASSES.length).toBeGreaterThanOrEqual(50);
  });

  it.each(BYPASSES.map((to) => [JSON.stringify(to).slice(0, 60), to]))("%s → /", (_label, to) => {
    expect(safeRedirect(to)).toBe("/");
  });

  it("falls back to the given path for anything but a string", () => {
    expect(safeRedirect(null, "/learn")).toBe("/learn");
    expect(safeRedirect(undefined)).toBe("/");
    expect(safeRedirect(new File([], "x") as FormDataEntryValue)).toBe("/");
  });
});

describe("isSafeLinkHref: the addresses a Markdown link may keep", () => {
  it.each(["/learn", "/reports?year=2026", "#section-2", "https://www.example.lg.jp/policy", "http://intra.example/"])(
    "keeps %j",
    (href) => {
      expect(isSafeLinkHref(href)).toBe(true);
    },
  );

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/.//evil.example",
    "/%2e%2e//evil.example",
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "data:text/html,x",
    "vbscript:x",
    "mailto:a@example.com",
    "https:evil.example",
    "https:/evil.example",
    "http:\\\\evil.example",
    "https://",
    "https://evil.example/\n",
    "learn",
    "",
  ])("drops %j", (href) => {
    expect(isSafeLinkHref(href)).toBe(false);
  });
});
