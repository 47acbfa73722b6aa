import { describe, expect, it } from "vitest";
import {
  creditableAddress,
  drillTokensIn,
  originalSubject,
  quotedHeaders,
  reportGroupKey,
  senderAddress,
} from "~/domain/drills/report-match.ts";
import { figuresOf, median, percent, timelineOf } from "~/domain/drills/results.ts";

const token = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456";

describe("recognising a reported mail", () => {
  it("finds a drill token in links, even split by quoted-printable", () => {
    expect(drillTokensIn(`https://mamori.city.lg.jp/d/${token} and again /d/${token}`)).toEqual([token]);
    expect(drillTokensIn(`https://mamori/d/${token.slice(0, 20)}=\r\n${token.slice(20)}"`)).toEqual([token]);
    expect(drillTokensIn(`/d/${token}x`)).toEqual([]); // longer is not a token
    expect(drillTokensIn("/d/short")).toEqual([]);
  });

  it("groups identical mails by sender address and subject without forward prefixes", () => {
    expect(originalSubject("Fwd: FW: 転送: 請求書")).toBe("請求書");
    expect(senderAddress("経理部 <Billing@Invoice.example.net>")).toBe("billing@invoice.example.net");
    expect(reportGroupKey("billing@invoice.example.net", "FW: 請求書")).toBe(
      reportGroupKey("経理 <BILLING@invoice.example.net>", "請求書"),
    );
    expect(quotedHeaders("> 差出人: 経理 <b@x.example>\n> 件名： 請求書\n")).toEqual({
      sender: "経理 <b@x.example>",
      subject: "請求書",
    });
    expect(quotedHeaders("本文\r\n>> From: 経理 <b@x.example>\r\n> >Subject: 請求書\r\n")).toEqual({
      sender: "経理 <b@x.example>",
      subject: "請求書",
    });
    // Quoting on one line does not reach the header on the next.
    expect(quotedHeaders(">\nFrom:\nSubject: x")).toEqual({ sender: undefined, subject: "x" });
    expect(quotedHeaders("\u3000> from： a@b.example\r\n")).toEqual({ sender: "a@b.example", subject: undefined });
    expect(senderAddress('"a@b" <Real@Sender.example> x@y.example')).toBe("real@sender.example");
    expect(senderAddress("< > mail me: c@d.example")).toBe("c@d.example");
    expect(senderAddress("経理部")).toBe("経理部");
  });

  it("reads hostile text in time that grows with its length, never faster", () => {
    const ms = (work: () => unknown) => {
      const start = performance.now();
      work();
      return performance.now() - start;
    };
    // Each call runs on the thread that answers requests: its time is the event loop's delay.
    // Bounds far above the linear time (a few ms), with room for a garbage collection or a busy
    // machine, and far below the seconds a backtracking pattern took.
    expect(ms(() => senderAddress(`From: ${"a".repeat(40_000)}`))).toBeLessThan(250);
    expect(ms(() => senderAddress(`<${"a".repeat(40_000)}`))).toBeLessThan(250);
    expect(ms(() => originalSubject(`${"fw:".repeat(40_000)}x`))).toBeLessThan(250);
    expect(ms(() => reportGroupKey("<".repeat(40_000), " ".repeat(40_000)))).toBeLessThan(250);
    const small = ms(() => quotedHeaders("> \r\n".repeat(80_000)));
    expect(small).toBeLessThan(500);
    const large = ms(() => quotedHeaders("> \r\n".repeat(800_000)));
    expect(large).toBeLessThan(Math.max(small, 20) * 10 * 3);
  });
});

describe("drill figures", () => {
  const at = (m: number) => new Date(Date.UTC(2026, 10, 24, 0, m));
  const row = (o: Partial<Record<"sentAt" | "clickedAt" | "reportedAt", Date | null>>) => ({
    organisationId: "fire",
    organisationName: "消防本部",
    employeeTypeCode: "regular",
    employeeTypeName: "常勤職員",
    sentAt: null,
    clickedAt: null,
    openedAttachmentAt: null,
    enteredAt: null,
    repliedAt: null,
    reportedAt: null,
    ...o,
  });

  it("has no rates before anything is delivered", () => {
    expect(figuresOf([row({})])).toMatchObject({
      targeted: 1,
      delivered: 0,
      clickRate: null,
      reportRate: null,
      medianMinutesToReport: null,
    });
    expect(percent(null)).toBe("—");
    expect(percent(2 / 3)).toBe("66.7%");
  });

  it("takes the median of odd and even counts", () => {
    expect(median([5, 40, 20])).toBe(20);
    expect(median([5, 20])).toBe(12.5);
    expect(median([])).toBeNull();
  });

  it("counts the timeline from the first delivery", () => {
    const rows = [row({ sentAt: at(0), clickedAt: at(59), reportedAt: at(61) }), row({ sentAt: at(30) })];
    expect(timelineOf(rows, 2)).toEqual([
      { hour: 1, clicked: 1, reported: 0 },
      { hour: 2, clicked: 1, reported: 1 },
    ]);
  });
});

describe("creditableAddress", () => {
  it("credits the envelope sender only when the header From names the same address", () => {
    expect(creditableAddress("Clicker@City.example.jp", "警防課 <clicker@city.example.jp>")).toBe(
      "clicker@city.example.jp",
    );
    expect(creditableAddress("private@free.example", "警防課 <clicker@city.example.jp>")).toBeNull();
    expect(creditableAddress("clicker@city.example.jp", "other@city.example.jp")).toBeNull();
    expect(creditableAddress("", "clicker@city.example.jp")).toBeNull();
  });
});
