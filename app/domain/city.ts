import { parse } from "yaml";
import { z } from "zod";

/**
 * The city's own settings: what makes Mamori one city's rather than
 * another's. Read from content/city.yaml on first setup, then edited by
 * ADMIN in the browser; the same schema checks both.
 */
const text = (max: number) => z.string().trim().min(1).max(max);

export const Organisation = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  name: text(100),
});

const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** The reply domains as the settings hold them (one a line, or comma-separated), lower-cased. */
export function replyDomainList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[\s,]+/)
        .map((domain) => domain.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

const ALIAS_ADDRESS = /^[^\s@<>"]{1,64}@[a-z0-9.-]{1,253}$/i;

/**
 * The report aliases as the settings hold them, one per line: "address
 * employeeNumber" (an address staff may report from that is not their Staff
 * mail, and whose it is). Address lower-cased → employee number; null when
 * a line is not of that shape.
 */
export function reportAliasLines(value: string): Map<string, string> | null {
  const aliases = new Map<string, string>();
  for (const line of value.split(/\r?\n/)) {
    const words = line
      .trim()
      .split(/[\s\u3000]+/)
      .filter(Boolean);
    if (words.length === 0) continue;
    if (words.length !== 2 || !ALIAS_ADDRESS.test(words[0]!) || words[1]!.length > 64) return null;
    aliases.set(words[0]!.toLowerCase(), words[1]!);
  }
  return aliases;
}

export const CitySettingsSchema = z.object({
  cityName: text(50),
  policyTitle: text(200),
  organisations: z
    .array(Organisation)
    .min(1)
    .max(100)
    .refine((orgs) => new Set(orgs.map((o) => o.id)).size === orgs.length, "duplicate organisation id")
    .refine((orgs) => new Set(orgs.map((o) => o.name)).size === orgs.length, "duplicate organisation name"),
  issuerLine: text(200),
  pledgeWording: text(2000),
  // The length first: the address pattern then never reads a field of megabytes.
  reportAddress: z.string().trim().max(200).pipe(z.string().email()),
  // The drill sender domains whose mail the city routes to the report
  // listener: a mail to them is a reply to a drill (返信), never a report.
  replyDomains: z
    .string()
    .max(2000)
    .default("")
    .transform((value) => replyDomainList(value).join("\n"))
    .refine((value) => value.split("\n").every((domain) => domain === "" || DOMAIN.test(domain)), "not a domain"),
  // Other addresses of staff whose reports by mail are theirs: "address 職員番号" a line.
  reportAliases: z
    .string()
    .max(20_000)
    .default("")
    .refine((value) => reportAliasLines(value) !== null, "not address and employee number"),
  requireApproval: z.boolean().default(true),
});

export type CitySettings = z.infer<typeof CitySettingsSchema>;

/** Parses content/city.yaml; throws with the fields that are wrong. */
export function parseCityFile(source: string): CitySettings {
  const result = CitySettingsSchema.safeParse(parse(source));
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "(file)"}: ${issue.message}`);
  throw new Error(`city.yaml: ${problems.join("; ")}`);
}

/**
 * The organisation list as the settings form writes it: one per line,
 * "id 名称" (the id, a space, the name), so the officer can add, rename and
 * reorder them in one text area.
 */
export function parseOrganisationLines(source: string): { id: string; name: string }[] {
  return source
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [id = "", ...rest] = line.split(/[\s\u3000]+/);
      return { id, name: rest.join(" ") };
    });
}

export const organisationLines = (orgs: readonly { id: string; name: string }[]) =>
  orgs.map((o) => `${o.id} ${o.name}`).join("\n");
