/**
 * `npm run db:demo` (after `npm run db:setup`): the demo's named people and
 * their first steps, a finished drill, bulletins and questions of the month
 * — each through the product's own services, each skipped when already
 * there. `npm run demo` then adds the demo city (scripts/demo-city.ts).
 */
import { today } from "~/lib/clock.server.ts";
import { db } from "~/lib/db.server.ts";
import { loadDemoBulletins } from "./demo-bulletins.ts";
import { loadDemoDrill } from "./demo-drill.ts";
import { completeDemoTraining, loadDemoData } from "./demo-people.ts";

try {
  await loadDemoData();
  await completeDemoTraining();
  await loadDemoDrill();
  await loadDemoBulletins(today());
  console.log("demo data loaded");
} finally {
  await db.$disconnect();
}
