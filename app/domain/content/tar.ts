import type { ContentFile } from "./types.ts";

/**
 * A POSIX ustar archive of text files, in memory: what the export of a
 * release downloads, and what `tar -xf` unpacks on any server. Small enough
 * to write rather than depend on a library; content files are few and short.
 */

const BLOCK = 512;
const encoder = new TextEncoder();

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, "0") + "\0";
}

function header(path: string, size: number, mtime: number): Uint8Array {
  const name = encoder.encode(path);
  if (name.length > 100) throw new Error(`path too long for a tar header: ${path}`);
  const block = new Uint8Array(BLOCK);
  const put = (offset: number, text: string | Uint8Array) =>
    block.set(typeof text === "string" ? encoder.encode(text) : text, offset);
  put(0, name);
  put(100, octal(0o644, 8));
  put(108, octal(0, 8));
  put(116, octal(0, 8));
  put(124, octal(size, 12));
  put(136, octal(mtime, 12));
  put(148, "        "); // the checksum counts its own field as spaces
  put(156, "0");
  put(257, "ustar\u000000");
  let sum = 0;
  for (const byte of block) sum += byte;
  put(148, sum.toString(8).padStart(6, "0") + "\0 ");
  return block;
}

/** The files under `folder/`, each with the given modification time (seconds). */
export function tarArchive(files: readonly ContentFile[], folder: string, mtime: number): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = [];
  for (const file of files) {
    const data = encoder.encode(file.text);
    parts.push(header(`${folder}/${file.path}`, data.length, mtime), data);
    const padding = (BLOCK - (data.length % BLOCK)) % BLOCK;
    if (padding) parts.push(new Uint8Array(padding));
  }
  parts.push(new Uint8Array(BLOCK * 2));
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
