import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDrillScenario, renderDrillMail, type DrillScenario } from "~/domain/drills/scenario.ts";
import { env } from "~/lib/env.server.ts";

/** Where the drill scenarios live; `npm run content:check` reviews them with the rest of content/. */
const SCENARIO_DIR = "content/drills";

let scenarios: Map<string, DrillScenario> | undefined;

/**
 * The drill scenarios, read once per process: they change only with a
 * deployment of content/, and a scenario that fails the check is left out
 * (content:check names its problems).
 */
function load(): Map<string, DrillScenario> {
  if (scenarios) return scenarios;
  const found = new Map<string, DrillScenario>();
  for (const name of readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    const file = join(SCENARIO_DIR, name);
    const { scenario } = parseDrillScenario(readFileSync(file, "utf8"), file);
    if (scenario) found.set(scenario.id, scenario);
  }
  scenarios = found;
  return found;
}

export function listScenarios(): DrillScenario[] {
  return [...load().values()];
}

export function getScenario(id: string): DrillScenario | null {
  return load().get(id) ?? null;
}

/** The columns of a member of staff that a drill mail's placeholders use. */
export const MAIL_PERSON_SELECT = {
  name: true,
  employeeNumber: true,
  organisation: { select: { name: true } },
  section: { select: { name: true } },
} as const;

type MailPerson = {
  name: string;
  employeeNumber: string;
  organisation: { name: string };
  section: { name: string } | null;
};

/**
 * The scenario's mail as `person` receives it, with `url` as their link;
 * without one, an address that shows where the link goes but opens nothing
 * (previews, the teaching page, matching a report).
 */
export function renderFor(
  scenario: DrillScenario,
  person: MailPerson,
  /** The city's organisation names by id (organisationNames()), for {{組織:id}}. */
  organisations: ReadonlyMap<string, string>,
  url = `${env.APP_URL}/d/example`,
) {
  return renderDrillMail(
    scenario,
    {
      name: person.name,
      organisation: [person.organisation.name, person.section?.name].filter(Boolean).join(" "),
      employeeNumber: person.employeeNumber,
    },
    url,
    organisations,
  );
}
