/** 役割: what a member of staff may do in Mamori (docs/domain.md, "Who"). */
export const ROLES = ["LEARNER", "MANAGER", "HR", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** True when `role` is one of `allowed`; an empty list allows everyone. */
export function roleAllows(role: Role, allowed: readonly Role[]): boolean {
  return allowed.length === 0 || allowed.includes(role);
}
