/**
 * Whom a MANAGER (情報セキュリティ管理者) oversees: a 課長, who belongs to a
 * 課, the staff of that 課; a 部長, who belongs to none, the whole 部局. The
 * reports and the team page keep a manager to it alike.
 */
export type ManagerScope = { organisationId: string; sectionId?: number };

export function managerScope(manager: { organisationId: string; sectionId: number | null }): ManagerScope {
  return manager.sectionId === null
    ? { organisationId: manager.organisationId }
    : { organisationId: manager.organisationId, sectionId: manager.sectionId };
}
