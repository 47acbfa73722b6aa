/**
 * The shapes of the report's figures, as the reports service counts them
 * (app/services/reports.server.ts) and the tables, CSV files and pages show
 * them.
 */

export type Completion = { assigned: number; completed: number; rate: number };

export type EmployeeTypeCompletion = Completion & {
  employeeTypeCode: string;
  employeeTypeName: string;
  overdue: number;
};

export type CompletionMatrix = {
  organisations: { id: string; name: string; cells: Record<string, Completion>; total: Completion }[];
  employeeTypes: { code: string; name: string }[];
  total: Completion;
};

export type CumulativePoint = Completion & { month: string };

export type OverdueRow = {
  assignmentId: number;
  staffId: number;
  employeeNumber: string;
  name: string;
  organisationName: string;
  sectionName: string | null;
  employeeTypeName: string;
  trackId: string;
  trackName: string;
  dueDate: string;
  daysOverdue: number;
  managerName: string | null;
};

export type YearFigures = Completion & {
  fiscalYear: number;
  /** The day the figures are counted at. */
  asOf: string;
  overdue: number;
  pledged: number;
  /** Assignments of tracks that end with a pledge. */
  pledgeRequired: number;
};

export type ItemAnalysis = {
  questions: {
    questionId: string;
    moduleSlug: string | null;
    clauseId: string | null;
    prompt: string | null;
    answered: number;
    correct: number;
    share: number;
  }[];
  clauses: { clauseId: string; heading: string | null; answered: number; correct: number; share: number }[];
};
