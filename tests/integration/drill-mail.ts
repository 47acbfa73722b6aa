import { simpleParser } from "mailparser";
import { db } from "~/lib/db.server.ts";
import { createStaff } from "./factories.ts";

/** A member of staff with a mail address (and a section, when named). */
export async function staffWithMail(
  email: string | null,
  overrides: Parameters<typeof createStaff>[0] & { section?: string } = {},
) {
  const { section, ...rest } = overrides;
  const person = await createStaff(rest);
  const sectionId = section
    ? (
        await db.section.upsert({
          where: { organisationId_name: { organisationId: person.organisationId, name: section } },
          create: { organisationId: person.organisationId, name: section },
          update: {},
        })
      ).id
    : null;
  return db.staff.update({ where: { id: person.id }, data: { email, sectionId } });
}

/** The drill link's token in a received mail. */
export async function tokenInMail(raw: Buffer): Promise<string> {
  const mail = await simpleParser(raw);
  const match = /\/d\/([A-Za-z0-9_-]{43})/.exec(mail.text ?? "");
  if (!match) throw new Error("no drill link in the mail");
  return match[1]!;
}

/** Who a sink mail was delivered to (the sink's X-Sink-To line). */
export const recipientOf = (raw: Buffer) => /^X-Sink-To: (.*)$/m.exec(raw.toString("utf8"))?.[1]?.trim() ?? "";

/**
 * Text in ISO-2022-JP, as older Japanese mail programs still send it. Node
 * decodes it but cannot encode it: each character's JIS X 0208 pair is
 * found by decoding every pair once.
 */
let jisTable: Map<string, [number, number]> | undefined;
export function iso2022jp(text: string): Buffer {
  if (!jisTable) {
    jisTable = new Map();
    const decoder = new TextDecoder("iso-2022-jp");
    for (let a = 0x21; a <= 0x7e; a++)
      for (let b = 0x21; b <= 0x7e; b++) {
        const ch = decoder.decode(new Uint8Array([0x1b, 0x24, 0x42, a, b, 0x1b, 0x28, 0x42]));
        if (ch.length === 1 && !jisTable.has(ch)) jisTable.set(ch, [a, b]);
      }
  }
  const bytes: number[] = [];
  let kanji = false;
  for (const ch of text) {
    const pair = jisTable.get(ch);
    if (pair) {
      if (!kanji) bytes.push(0x1b, 0x24, 0x42);
      kanji = true;
      bytes.push(...pair);
    } else {
      if (kanji) bytes.push(0x1b, 0x28, 0x42);
      kanji = false;
      bytes.push(ch.charCodeAt(0));
    }
  }
  if (kanji) bytes.push(0x1b, 0x28, 0x42);
  return Buffer.from(bytes);
}
