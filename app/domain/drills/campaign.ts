/**
 * 標的型攻撃メール訓練の実施 (campaign): its life cycle, who it targets and
 * when each mail goes out. Pure: times are passed in.
 */
import { z } from "zod";
import { addDays, isCalendarDate } from "~/domain/fiscal-year.ts";
import { parseId } from "~/domain/record-id.ts";
import { isRole, ROLES } from "~/domain/roles.ts";

export const CAMPAIGN_STATUSES = ["draft", "scheduled", "sending", "ended"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Links keep showing the teaching page this long after the end date, then stop working. */
export const LINK_GRACE_DAYS = 30;

/**
 * The longest send window, in days. Every send time is planned over the
 * window's days when the campaign is launched: a window of centuries held
 * the server for seconds, and no drill needs more than a month.
 */
export const MAX_WINDOW_DAYS = 30;

/**
 * The latest end date, in days after the window's last day. With
 * LINK_GRACE_DAYS it bounds how long a drill's links answer at all.
 */
export const MAX_DAYS_AFTER_WINDOW = 30;

/** Whether a window is longer than a campaign may have (MAX_WINDOW_DAYS). */
export function windowTooLong(start: Date, end: Date): boolean {
  return end.getTime() - start.getTime() > MAX_WINDOW_DAYS * 86_400_000;
}

/** The follow-up course is due this many days after the click. */
export const FOLLOW_UP_DAYS = 14;

/** A filter of the staff register, or an uploaded list of 職員番号. */
export type DrillTargets =
  | { kind: "filter"; organisationId?: string; sectionId?: number; employeeTypeCode?: string; role?: string }
  | { kind: "list"; employeeNumbers: string[] };

/**
 * The stored targets of a campaign. Stored JSON that is not a valid target
 * (an old row with a section id no column can hold) targets nobody: read as
 * an empty filter it would have meant everyone.
 */
export function parseTargets(json: unknown): DrillTargets {
  const parsed = TargetsJson.safeParse(json);
  return parsed.success ? parsed.data : { kind: "list", employeeNumbers: [] };
}

const storedId = z.number().refine((n) => parseId(n) !== null);

const TargetsJson = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("filter"),
    organisationId: z.string().optional(),
    sectionId: storedId.optional(),
    employeeTypeCode: z.string().optional(),
    role: z.string().optional(),
  }),
  z.object({ kind: z.literal("list"), employeeNumbers: z.array(z.string()) }),
]);

/** Why a targeted person gets no mail. */
export type SkipReason = "inactive" | "no-email" | "unknown-number";

/** Splits an uploaded list (one 職員番号 per line, or separated by commas) into distinct numbers. */
export function parseEmployeeNumberList(text: string): string[] {
  const numbers = text
    .normalize("NFKC")
    .split(/[\s,、]+/)
    .map((n) => n.trim())
    .filter((n) => n.length > 0 && n !== "職員番号");
  return [...new Set(numbers)];
}

const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000;

/** "2026-12-01T09:30" (datetime-local, Japan time) as an instant; null if malformed. */
export function japanLocalToInstant(local: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m || !isCalendarDate(m[1]!) || Number(m[2]) > 23 || Number(m[3]) > 59) return null;
  return new Date(Date.parse(`${m[1]}T${m[2]}:${m[3]}:00Z`) - JAPAN_OFFSET_MS);
}

/** An instant as datetime-local text in Japan time. */
export function instantToJapanLocal(instant: Date): string {
  return new Date(instant.getTime() + JAPAN_OFFSET_MS).toISOString().slice(0, 16);
}

const BUSINESS_START_MINUTE = 9 * 60;
const BUSINESS_END_MINUTE = 17 * 60;

/**
 * The parts of [start, end) in which mail may go out: all of it, or only
 * weekdays 09:00–17:00 Japan time (no mail lands at night, when nobody would
 * click and the office would not see a report until the morning).
 */
export function sendIntervals(start: Date, end: Date, businessHoursOnly: boolean): [number, number][] {
  const from = start.getTime();
  const to = end.getTime();
  if (to <= from) return [];
  if (!businessHoursOnly) return [[from, to]];
  const intervals: [number, number][] = [];
  const firstDay = Math.floor((from + JAPAN_OFFSET_MS) / 86_400_000);
  const lastDay = Math.floor((to + JAPAN_OFFSET_MS) / 86_400_000);
  for (let day = firstDay; day <= lastDay; day++) {
    const weekday = new Date(day * 86_400_000).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const dayStart = day * 86_400_000 - JAPAN_OFFSET_MS;
    const open = Math.max(from, dayStart + BUSINESS_START_MINUTE * 60_000);
    const close = Math.min(to, dayStart + BUSINESS_END_MINUTE * 60_000);
    if (close > open) intervals.push([open, close]);
  }
  return intervals;
}

/**
 * One send time per person, spread uniformly at random over the window's
 * sending hours, so that a section does not receive the drill in the same
 * minute (colleagues would warn each other). `random` returns [0, 1).
 */
export function spreadSendTimes(intervals: [number, number][], count: number, random: () => number): Date[] {
  const total = intervals.reduce((sum, [a, b]) => sum + (b - a), 0);
  if (total === 0) return [];
  const times: Date[] = [];
  for (let i = 0; i < count; i++) {
    let offset = Math.floor(random() * total);
    for (const [a, b] of intervals) {
      if (offset < b - a) {
        times.push(new Date(a + offset));
        break;
      }
      offset -= b - a;
    }
  }
  return times;
}

/** The last day (YYYY-MM-DD, Japan time) on which a campaign's links still work. */
export function linkLastDay(endDate: string): string {
  return addDays(endDate, LINK_GRACE_DAYS);
}

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The campaign form, as posted by HR (all fields strings). */
export const CampaignForm = z
  .object({
    name: z.string().trim().min(1, "name").max(100, "name"),
    scenarioId: z.string().trim().min(1, "scenarioId").max(64, "scenarioId"),
    targetKind: z.enum(["filter", "list"], { message: "targetKind" }),
    organisationId: z.preprocess(blank, z.string().max(64).optional()),
    sectionId: z.preprocess(
      blank,
      z
        .unknown()
        .refine((v) => parseId(typeof v === "string" ? v.trim() : v) !== null, "sectionId")
        .transform((v) => parseId(typeof v === "string" ? v.trim() : v)!)
        .optional(),
    ),
    employeeTypeCode: z.preprocess(blank, z.string().max(64).optional()),
    role: z.preprocess(blank, z.string().refine(isRole, "role").optional()),
    employeeNumbers: z.preprocess(blank, z.string().max(2_000_000).optional()),
    windowStart: z
      .string()
      .transform(
        (v, ctx) => japanLocalToInstant(v) ?? (ctx.addIssue({ code: "custom", message: "windowStart" }), z.NEVER),
      ),
    windowEnd: z
      .string()
      .transform(
        (v, ctx) => japanLocalToInstant(v) ?? (ctx.addIssue({ code: "custom", message: "windowEnd" }), z.NEVER),
      ),
    businessHoursOnly: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    endDate: z.string().refine(isCalendarDate, "endDate"),
  })
  .superRefine((form, ctx) => {
    const tooLong = windowTooLong(form.windowStart, form.windowEnd);
    if (form.windowEnd <= form.windowStart)
      ctx.addIssue({ code: "custom", path: ["windowEnd"], message: "windowOrder" });
    if (tooLong) ctx.addIssue({ code: "custom", path: ["windowEnd"], message: "windowTooLong" });
    const windowLastDay = instantToJapanLocal(form.windowEnd).slice(0, 10);
    if (form.endDate < windowLastDay) ctx.addIssue({ code: "custom", path: ["endDate"], message: "endBeforeWindow" });
    else if (form.endDate > addDays(windowLastDay, MAX_DAYS_AFTER_WINDOW))
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "endTooLate" });
    if (form.targetKind === "list" && parseEmployeeNumberList(form.employeeNumbers ?? "").length === 0)
      ctx.addIssue({ code: "custom", path: ["employeeNumbers"], message: "employeeNumbers" });
    // Only a window of bounded length is walked day by day.
    if (!tooLong && sendIntervals(form.windowStart, form.windowEnd, form.businessHoursOnly).length === 0)
      ctx.addIssue({ code: "custom", path: ["windowStart"], message: "noSendingHours" });
  });

export type CampaignInput = {
  name: string;
  scenarioId: string;
  targets: DrillTargets;
  windowStart: Date;
  windowEnd: Date;
  businessHoursOnly: boolean;
  endDate: string;
};

/** The validated form as a campaign, or the first problem's message key suffix. */
export function campaignInputOf(form: z.infer<typeof CampaignForm>): CampaignInput {
  const targets: DrillTargets =
    form.targetKind === "list"
      ? { kind: "list", employeeNumbers: parseEmployeeNumberList(form.employeeNumbers ?? "") }
      : {
          kind: "filter",
          organisationId: form.organisationId,
          sectionId: form.sectionId,
          employeeTypeCode: form.employeeTypeCode,
          role: form.role,
        };
  return {
    name: form.name,
    scenarioId: form.scenarioId,
    targets,
    windowStart: form.windowStart,
    windowEnd: form.windowEnd,
    businessHoursOnly: form.businessHoursOnly,
    endDate: form.endDate,
  };
}

export const TARGET_ROLES = ROLES;

const FORM_FIELDS = [
  "name",
  "scenarioId",
  "targetKind",
  "sectionId",
  "role",
  "employeeNumbers",
  "windowStart",
  "windowEnd",
  "endDate",
];

/**
 * The posted campaign form as a campaign, or its problems by field: each a
 * suffix of the "drills.error." messages (unknown problems become "form").
 */
export function readCampaignForm(
  form: Record<string, unknown>,
): { input: CampaignInput; errors?: undefined } | { input?: undefined; errors: Record<string, string> } {
  const parsed = CampaignForm.safeParse(form);
  if (parsed.success) return { input: campaignInputOf(parsed.data) };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "form");
    const message = issue.message;
    const known =
      FORM_FIELDS.includes(message) ||
      /^(windowOrder|windowTooLong|noSendingHours|endBeforeWindow|endTooLate)$/.test(message);
    errors[FORM_FIELDS.includes(field) ? field : "form"] ??= known
      ? message
      : FORM_FIELDS.includes(field)
        ? field
        : "form";
  }
  return { errors };
}
