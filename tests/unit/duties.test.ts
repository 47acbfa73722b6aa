import { describe, expect, it } from "vitest";
import { describeDuties, dutiesAllow, formatDuties, parseStoredDuties, readDutiesCell } from "~/domain/duties.ts";

describe("duties (担当)", () => {
  it("reads a CSV cell of labels, codes and aliases in any order and separator", () => {
    expect(readDutiesCell("")).toEqual({ duties: [] });
    expect(readDutiesCell("情報システム担当")).toEqual({ duties: ["system-admin"] });
    expect(readDutiesCell("幹部職員、情報システム担当")).toEqual({ duties: ["system-admin", "executive"] });
    expect(readDutiesCell("EXECUTIVE; system-admin")).toEqual({ duties: ["system-admin", "executive"] });
    expect(readDutiesCell("幹部　幹部")).toEqual({ duties: ["executive"] });
    expect(readDutiesCell("特別職/システム担当")).toEqual({ duties: ["system-admin", "executive"] });
  });

  it("names the words it cannot read", () => {
    expect(readDutiesCell("情報システム担当、市長")).toEqual({ unknown: ["市長"] });
  });

  it("stores duties as sorted codes and reads them back, ignoring unknown codes", () => {
    expect(formatDuties(["executive", "system-admin", "executive"])).toBe("system-admin executive");
    expect(formatDuties([])).toBe("");
    expect(parseStoredDuties("executive  system-admin")).toEqual(["system-admin", "executive"]);
    expect(parseStoredDuties("")).toEqual([]);
    expect(parseStoredDuties("auditor executive")).toEqual(["executive"]);
    expect(describeDuties("system-admin executive")).toBe("情報システム担当、幹部職員");
  });

  it("lets a track without duties reach everyone and a duty track only its holders", () => {
    expect(dutiesAllow([], [])).toBe(true);
    expect(dutiesAllow(["executive"], [])).toBe(true);
    expect(dutiesAllow([], ["system-admin"])).toBe(false);
    expect(dutiesAllow(["executive"], ["system-admin"])).toBe(false);
    expect(dutiesAllow(["executive", "system-admin"], ["system-admin"])).toBe(true);
  });
});
