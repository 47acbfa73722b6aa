import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseContent } from "~/domain/content/parse.ts";

const tracks = parseContent([{ path: "tracks.yaml", text: readFileSync("content/tracks.yaml", "utf8") }]).tracks;
const modulesOf = (id: string) => tracks.find((track) => track.id === id)?.modules ?? [];

describe("the shipped tracks", () => {
  it("teach 会計年度任用職員 at each appointment to spot and report suspicious mail and to handle 個人番号", () => {
    const modules = modulesOf("appointment-refresher");
    expect(modules).toEqual(expect.arrayContaining(["mail-drills", "terms-information", "duty", "everyday-duties"]));
    expect(modules).not.toContain("threats");
  });

  it("give executives the mail drills module too", () => {
    expect(modulesOf("executive-course")).toEqual(expect.arrayContaining(["executive-role", "mail-drills"]));
  });
});
