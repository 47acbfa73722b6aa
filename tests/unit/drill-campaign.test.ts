import { describe, expect, it } from "vitest";
import {
  instantToJapanLocal,
  japanLocalToInstant,
  linkLastDay,
  MAX_DAYS_AFTER_WINDOW,
  parseEmployeeNumberList,
  readCampaignForm,
  sendIntervals,
  spreadSendTimes,
} from "~/domain/drills/campaign.ts";

const jst = (local: string) => japanLocalToInstant(local)!;

describe("send windows in Japan time", () => {
  it("converts datetime-local text in Japan time both ways", () => {
    expect(jst("2026-12-01T09:30").toISOString()).toBe("2026-12-01T00:30:00.000Z");
    expect(instantToJapanLocal(new Date("2026-12-01T00:30:00Z"))).toBe("2026-12-01T09:30");
    expect(japanLocalToInstant("2026-02-30T09:00")).toBeNull();
    expect(japanLocalToInstant("2026-12-01T24:00")).toBeNull();
  });

  it("keeps only weekday business hours when asked", () => {
    // Friday 16:00 to Monday 10:00: Friday 16–17 and Monday 9–10.
    const intervals = sendIntervals(jst("2026-12-04T16:00"), jst("2026-12-07T10:00"), true);
    expect(intervals.map(([a, b]) => [instantToJapanLocal(new Date(a)), instantToJapanLocal(new Date(b))])).toEqual([
      ["2026-12-04T16:00", "2026-12-04T17:00"],
      ["2026-12-07T09:00", "2026-12-07T10:00"],
    ]);
    expect(sendIntervals(jst("2026-12-05T09:00"), jst("2026-12-06T17:00"), true)).toEqual([]); // a weekend
    expect(sendIntervals(jst("2026-12-05T09:00"), jst("2026-12-05T10:00"), false)).toHaveLength(1);
  });

  it("spreads send times over the sending hours only", () => {
    const intervals = sendIntervals(jst("2026-12-04T16:00"), jst("2026-12-07T10:00"), true);
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const times = spreadSendTimes(intervals, 1000, random);
    expect(times).toHaveLength(1000);
    for (const time of times) {
      const local = instantToJapanLocal(time);
      expect(["2026-12-04T16", "2026-12-07T09"]).toContain(local.slice(0, 13));
    }
    // Both hours get a fair share, and no one minute gets a crowd.
    const friday = times.filter((t) => instantToJapanLocal(t).startsWith("2026-12-04")).length;
    expect(friday).toBeGreaterThan(400);
    expect(friday).toBeLessThan(600);
    const perMinute = new Map<string, number>();
    for (const t of times) perMinute.set(instantToJapanLocal(t), (perMinute.get(instantToJapanLocal(t)) ?? 0) + 1);
    expect(Math.max(...perMinute.values())).toBeLessThan(25);
    expect(spreadSendTimes([], 5, random)).toEqual([]);
  });

  it("keeps links working for 30 days after the end date", () => {
    expect(linkLastDay("2026-12-15")).toBe("2027-01-14");
  });
});

describe("the campaign form", () => {
  const valid = {
    name: "12月の訓練",
    scenarioId: "parcel-notice",
    targetKind: "filter",
    sectionId: "3",
    windowStart: "2026-12-01T09:00",
    windowEnd: "2026-12-03T17:00",
    businessHoursOnly: "on",
    endDate: "2026-12-15",
  };

  it("reads a valid form", () => {
    const { input } = readCampaignForm(valid);
    expect(input).toMatchObject({
      targets: { kind: "filter", sectionId: 3 },
      businessHoursOnly: true,
      endDate: "2026-12-15",
    });
  });

  it("names each problem's field", () => {
    expect(readCampaignForm({ ...valid, name: " " }).errors).toEqual({ name: "name" });
    expect(readCampaignForm({ ...valid, windowEnd: "2026-11-30T09:00" }).errors).toMatchObject({
      windowEnd: "windowOrder",
    });
    expect(readCampaignForm({ ...valid, endDate: "2026-12-02" }).errors).toEqual({ endDate: "endBeforeWindow" });
    expect(readCampaignForm({ ...valid, targetKind: "list", employeeNumbers: " " }).errors).toEqual({
      employeeNumbers: "employeeNumbers",
    });
    expect(
      readCampaignForm({
        ...valid,
        windowStart: "2026-12-05T09:00",
        windowEnd: "2026-12-06T17:00",
        endDate: "2026-12-20",
      }).errors,
    ).toEqual({
      windowStart: "noSendingHours",
    });
    expect(readCampaignForm({}).errors).toMatchObject({ name: "name", windowStart: "windowStart" });
  });

  it("refuses a send window over 30 days at once, without planning it (one ending in 9999 held the server)", () => {
    const started = performance.now();
    expect(readCampaignForm({ ...valid, windowEnd: "9999-12-31T17:00", endDate: "9999-12-31" }).errors).toMatchObject({
      windowEnd: "windowTooLong",
    });
    expect(performance.now() - started).toBeLessThan(50);
    expect(readCampaignForm({ ...valid, windowEnd: "2026-12-31T09:01", endDate: "2026-12-31" }).errors).toEqual({
      windowEnd: "windowTooLong",
    });
    expect(readCampaignForm({ ...valid, windowEnd: "2026-12-31T09:00", endDate: "2026-12-31" }).input).toBeDefined();
  });

  it(`refuses an end date more than ${MAX_DAYS_AFTER_WINDOW} days after the window, so that links stop working soon after`, () => {
    expect(readCampaignForm({ ...valid, endDate: "9999-12-31" }).errors).toEqual({ endDate: "endTooLate" });
    expect(readCampaignForm({ ...valid, endDate: "2027-01-03" }).errors).toEqual({ endDate: "endTooLate" });
    const { input } = readCampaignForm({ ...valid, endDate: "2027-01-02" });
    expect(input).toBeDefined();
    // The last day a link works: the window's last day + 30 + 30 at most.
    expect(linkLastDay(input!.endDate)).toBe("2027-02-01");
  });

  it("reads an uploaded list of employee numbers, full-width digits included", () => {
    expect(parseEmployeeNumberList("職員番号\n１０００01\n100002, 100003、100001\n")).toEqual([
      "100001",
      "100002",
      "100003",
    ]);
  });
});
