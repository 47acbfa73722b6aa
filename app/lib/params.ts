import { z } from "zod";
import { parseId } from "~/domain/record-id.ts";
import { t } from "./i18n.ts";

export { parseId };

/** A positive integer id from a route parameter; anything else is a 404. */
export function idParam(value: string | undefined): number {
  const id = parseId(value);
  if (id === null) throw new Response(t("error.notFound"), { status: 404 });
  return id;
}

/** An id field of a form schema: anything but an id fails validation (a 400, never a query). */
export const IdField = z.unknown().transform((value, ctx) => {
  const id = parseId(typeof value === "string" ? value.trim() : value);
  if (id === null) {
    ctx.addIssue({ code: "custom", message: t("error.badId") });
    return z.NEVER;
  }
  return id;
});

const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);

/** An optional id in a query string: a bookmark's bad value is dropped, not refused. */
export const OptionalIdQuery = z.preprocess(blankToUndefined, IdField.optional()).catch(undefined);

/** True when `text` holds a control character (PostgreSQL refuses NUL in text outright). */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Free text or a code in a query string: at most `max` characters, no control characters; else ignored. */
export function queryText(max: number) {
  return z
    .preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(max)
        .refine((v) => !hasControlCharacter(v))
        .optional(),
    )
    .catch(undefined);
}

// A content key (question id, module slug, table name): ASCII letters, digits, `.`, `_`, `-`.
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A content key from a route parameter; anything else is a 404 before any query. */
export function keyParam(value: string | undefined): string {
  if (value === undefined || !KEY.test(value)) throw new Response(t("error.notFound"), { status: 404 });
  return value;
}

/** Pages of a listing: 1 to 100,000; anything else is the first page. */
export const PageQuery = z
  .preprocess((v) => (typeof v === "string" ? Number(v.trim() || NaN) : v), z.number().int().min(1).max(100_000))
  .catch(1);

/** The `page` of a paginated list from the query string: 1 unless a positive whole number is given. */
export function pageParam(params: URLSearchParams): number {
  const page = Number(params.get("page"));
  return Number.isSafeInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1;
}
