import { t } from "./i18n.ts";

/** A positive integer id from a route parameter; anything else is a 404. */
export function idParam(value: string | undefined): number {
  const id = Number(value);
  if (!value || !/^\d{1,9}$/.test(value) || !Number.isSafeInteger(id) || id <= 0) {
    throw new Response(t("error.notFound"), { status: 404 });
  }
  return id;
}
