import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Certificate, type CertificateData } from "~/components/Certificate.tsx";

const certificate = (policyRevised: string | null): CertificateData => ({
  code: "ABCD-EFGH-JK",
  name: "山田 花子",
  organisation: "市長部局",
  section: "市民課",
  trackName: "新任者研修",
  fiscalYear: 2026,
  completedAt: new Date("2026-11-25T03:00:00Z"),
  score: { percent: 100, correct: 20, total: 20 },
  release: { id: 2, policyRevised },
  policyTitle: "甲市情報セキュリティポリシー（基本方針）",
  issuer: "甲市長",
});

describe("certificate (修了証)", () => {
  it("shows the release without a 改定日 when the city has set none", () => {
    const html = renderToStaticMarkup(createElement(Certificate, { certificate: certificate(null) }));
    expect(html).toContain("第2版");
    expect(html).not.toContain("改定日");
  });

  it("shows the 改定日 the city set", () => {
    const html = renderToStaticMarkup(createElement(Certificate, { certificate: certificate("2027-04-01") }));
    expect(html).toContain("第2版（基本方針 改定日 2027-04-01）");
  });
});
