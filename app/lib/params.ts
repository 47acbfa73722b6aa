import { t } from "./i18n.ts";

/** A positive integer id from a route parameter; anything else is a 404. */
export function idParam(value: string | undefined): number {
  const id = Number(value);
  if (!value || !/^\d{1,9}$/.test(value) || !Number.isSafeInteger(id) || id <= 0) {
    throw new Response(t("error.notFound"), { status: 404 });
  }
  return id;
}

/** The `page` of a paginated list from the query string: 1 unless a positive whole number is given. */
export function pageParam(params: URLSearchParams): number {
  const page = Number(params.get("page"));
  return Number.isSafeInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1;
}
