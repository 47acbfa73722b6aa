/**
 * The figures of the bulletin and question-of-the-month reports, as the
 * services count them (bulletins.server.ts, monthly-question.server.ts) and
 * the tables show them (bulletin-tables.ts).
 */
import type { BulletinAudience } from "./bulletin-audience.ts";

/** People the bulletin reaches, and how many of them read and confirmed it. */
export type ReceiptCounts = { reached: number; read: number; confirmed: number };

/** A bulletin with its audience and how far it reached. */
export type BulletinOverviewRow = ReceiptCounts & {
  id: number;
  title: string;
  publishOn: string;
  mustConfirm: boolean;
  byMail: boolean;
  audience: BulletinAudience;
  /** The audience in words: 全職員, or the names of its organisations, types and roles. */
  audienceLabel: string;
  published: boolean;
};

export type PendingPerson = {
  staffId: number;
  employeeNumber: string;
  name: string;
  organisationName: string;
  sectionName: string | null;
  employeeTypeName: string;
  readAt: Date | null;
};

export type BulletinReport = {
  bulletin: Omit<BulletinOverviewRow, keyof ReceiptCounts>;
  total: ReceiptCounts;
  byOrganisation: (ReceiptCounts & { id: string; name: string })[];
  byEmployeeType: (ReceiptCounts & { code: string; name: string })[];
  /** Who has not read it (not confirmed it, when it asks for that). */
  pending: { total: number; rows: PendingPerson[] };
};

export type MonthlyShare = { answered: number; correct: number };

export type MonthlyQuestionReport = {
  id: number;
  month: string;
  /** The bank question, or null for one written for the month. */
  questionId: string | null;
  prompt: string;
  clause: string;
  chosenBy: string;
  total: MonthlyShare;
  byEmployeeType: (MonthlyShare & { code: string; name: string })[];
};
