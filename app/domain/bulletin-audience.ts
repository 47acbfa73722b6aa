import type { Role } from "./roles.ts";

/**
 * Who a bulletin (お知らせ) is for. Each list narrows the audience; an empty
 * list means "any". The lists combine with AND and their entries with OR:
 * { employeeTypeCodes: ["fiscal-year"], organisationIds: ["fire"] } is the
 * 会計年度任用職員 of 消防本部, nobody else.
 */
export type BulletinAudience = {
  organisationIds: string[];
  employeeTypeCodes: string[];
  roles: Role[];
};

export const EVERYONE: BulletinAudience = { organisationIds: [], employeeTypeCodes: [], roles: [] };

/** What the rule looks at in a member of staff. */
export type AudienceMember = { organisationId: string; employeeTypeCode: string; role: string };

/** True when the bulletin is for this person. */
export function reaches(audience: BulletinAudience, person: AudienceMember): boolean {
  const allows = (list: readonly string[], value: string) => list.length === 0 || list.includes(value);
  return (
    allows(audience.organisationIds, person.organisationId) &&
    allows(audience.employeeTypeCodes, person.employeeTypeCode) &&
    allows(audience.roles, person.role)
  );
}

/** True when the rule leaves nobody out. */
export function isEveryone(audience: BulletinAudience): boolean {
  return audience.organisationIds.length + audience.employeeTypeCodes.length + audience.roles.length === 0;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? [...new Set(value.filter((v): v is string => typeof v === "string"))].sort() : [];

/**
 * The rule as stored (JSON). Entries are kept as written, even a role that
 * no longer exists: such an entry matches nobody, so a bad value can only
 * narrow a bulletin, never widen it to everyone.
 */
export function parseAudience(value: unknown): BulletinAudience {
  const raw = value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  return {
    organisationIds: strings(raw.organisationIds),
    employeeTypeCodes: strings(raw.employeeTypeCodes),
    roles: strings(raw.roles) as Role[],
  };
}

/** The rule in words, e.g. 「消防本部・会計年度任用職員」 or 「全職員」, from the names of its codes. */
export function describeAudience(
  audience: BulletinAudience,
  names: {
    organisations: ReadonlyMap<string, string>;
    employeeTypes: ReadonlyMap<string, string>;
    roles: ReadonlyMap<string, string>;
  },
  everyone: string,
): string {
  if (isEveryone(audience)) return everyone;
  const part = (codes: readonly string[], byCode: ReadonlyMap<string, string>) =>
    codes.map((code) => byCode.get(code) ?? code).join("・");
  return [
    part(audience.organisationIds, names.organisations),
    part(audience.employeeTypeCodes, names.employeeTypes),
    part(audience.roles, names.roles),
  ]
    .filter((p) => p !== "")
    .join(" / ");
}
