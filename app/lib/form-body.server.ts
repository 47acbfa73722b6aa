import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { t } from "./i18n.ts";

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/**
 * The body of a form post: the one way an action reads its input. A body
 * that is not a form encoding (text/plain, JSON, none) answers 415, one that
 * cannot be parsed (a broken multipart, a missing boundary) 400, a file over
 * `maxFileBytes` 413 — each a Response thrown before anything is written,
 * where `request.formData()` alone threw a TypeError and answered 500. A
 * field holding NUL is refused too (400): no form types one, and
 * PostgreSQL refuses it in text with an error.
 */
export async function readForm(request: Request, options: { maxFileBytes?: number } = {}): Promise<FormData> {
  const type = request.headers.get("Content-Type")?.split(";")[0]?.trim().toLowerCase();
  if (!type || !FORM_TYPES.has(type)) throw new Response(t("error.unsupportedBody"), { status: 415 });
  let form: FormData;
  try {
    form =
      type === "multipart/form-data" && options.maxFileBytes !== undefined
        ? await unstable_parseMultipartFormData(
            request,
            unstable_createMemoryUploadHandler({ maxPartSize: options.maxFileBytes }),
          )
        : await request.formData();
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw new Response(t("error.tooLarge"), { status: 413 });
    throw new Response(t("error.badRequest"), { status: 400 });
  }
  for (const [name, value] of form) {
    if (name.includes("\u0000") || (typeof value === "string" && value.includes("\u0000")))
      throw new Response(t("error.badRequest"), { status: 400 });
  }
  return form;
}
