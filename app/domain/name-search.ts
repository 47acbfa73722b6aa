/**
 * People are found by the form of a name a person types, not the one HR
 * stored: 「やまだ」, 「ﾔﾏﾀﾞ」 and 「ヤマダ」 are one reading, 「山田花子」
 * and 「山田 花子」 one name. Both sides are folded the same way: NFKC
 * (full-width digits and letters, half-width katakana with their voiced
 * marks), katakana to hiragana, no spaces of any width, lower case.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/\s+/g, "")
    .toLowerCase();
}

/**
 * What Staff.searchName stores: the folded name and the folded reading,
 * a space apart so that no search matches across the two.
 */
export function staffSearchName(person: { name: string; nameKana: string }): string {
  return `${foldForSearch(person.name)} ${foldForSearch(person.nameKana)}`;
}
