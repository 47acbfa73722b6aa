import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { loader as drillLoader } from "~/routes/d.$token.tsx";
import { createSendingDrill, createStaff } from "./factories.ts";
import { call } from "./remix.ts";

type Teaching = {
  scenario: { sender: { name: string }; redFlags: { explanation: string }[]; nextTime: string[] };
  mail: { fromName: string; text: string };
  cityDomain: string | null;
};

async function teachingPage(scenarioId: string): Promise<Teaching> {
  const person = await createStaff();
  const { campaignId, token } = await createSendingDrill(person.id);
  await db.drillCampaign.update({ where: { id: campaignId }, data: { scenarioId } });
  const page = await call(drillLoader as never, new Request(`http://localhost/d/${token}`), { token });
  expect(page.status).toBe(200);
  return (await page.json()) as Teaching;
}

describe("a drill's teaching page", () => {
  it("names the council's office as the city's settings do, in the mail and in what it teaches", async () => {
    const council = (await db.organisation.findUniqueOrThrow({ where: { id: "council" } })).name;
    expect(council).toBe("議会局");
    const page = await teachingPage("council-materials");
    expect(page.mail.fromName).toBe(`${council} 議事課`);
    expect(page.mail.text).toContain(`${council}議事課です。`);
    expect(page.scenario.redFlags.map((f) => f.explanation).join("")).toContain(`${council}は庁内の部署です。`);
    expect(page.scenario.nextTime.join("")).toContain(`${council}に内線で確かめる`);
    // What the page shows: the mail's picture, the red flags and the advice.
    const shown = JSON.stringify([page.mail, page.scenario.redFlags, page.scenario.nextTime]);
    expect(shown).not.toMatch(/議会事務局|\{\{組織/);

    // Renamed in the settings, renamed in the drill.
    await db.organisation.update({ where: { id: "council" }, data: { name: "市議会事務局" } });
    expect((await teachingPage("council-materials")).mail.fromName).toBe("市議会事務局 議事課");
    await db.organisation.update({ where: { id: "council" }, data: { name: council } });
  });

  it("gives the city's own mail domain for checking where a link goes", async () => {
    const page = await teachingPage("training-thanks");
    const address = (await db.citySettings.findUniqueOrThrow({ where: { id: 1 } })).reportAddress;
    expect(page.cityDomain).toBe(address.slice(address.indexOf("@") + 1));
    expect(page.cityDomain).not.toBe("");
  });
});
