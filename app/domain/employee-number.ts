/**
 * 職員番号 as typed by a person: staff often type full-width digits out of
 * habit (IME on), and paste with stray spaces. NFKC turns "０１２３" into
 * "0123" and full-width letters into ASCII.
 */
export function normaliseEmployeeNumber(input: string): string {
  return input.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}
