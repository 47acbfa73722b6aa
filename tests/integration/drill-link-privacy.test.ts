import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { loader as drillLoader } from "~/routes/d.$token.tsx";
import { createSendingDrill, createStaff } from "./factories.ts";
import { call } from "./remix.ts";

describe("the drill link's teaching page", () => {
  it("shows neither the recipient's name nor their employee number to whoever opens it", async () => {
    const section = await db.section.create({ data: { organisationId: "mayor", name: "秘書広報課" } });
    const person = await createStaff({ name: "訓練 花子", employeeNumber: "E987654" });
    await db.staff.update({ where: { id: person.id }, data: { sectionId: section.id } });
    const { token } = await createSendingDrill(person.id);

    const page = await call(drillLoader as never, new Request(`http://localhost/d/${token}`), { token });
    expect(page.status).toBe(200);
    const body = await page.text();
    for (const revealing of ["訓練 花子", "訓練", "花子", "E987654", "987654", "秘書広報課"]) {
      expect(body).not.toContain(revealing);
    }
    // The mail still reads as the scenario wrote it, with labels where the person's values stood.
    expect(body).toContain("（氏名）");
    expect(body).toContain("（所属）");
  });
});
