import { describe, expect, it } from "vitest";
import { managerScope } from "~/domain/manager-scope.ts";

describe("managerScope", () => {
  it("keeps a 課長 to their 課", () => {
    expect(managerScope({ organisationId: "mayor", sectionId: 4 })).toEqual({ organisationId: "mayor", sectionId: 4 });
  });

  it("gives a 部長, in no 課, the whole 部局", () => {
    expect(managerScope({ organisationId: "fire", sectionId: null })).toEqual({ organisationId: "fire" });
  });
});
