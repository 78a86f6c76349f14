import { readFileSync } from "node:fs";

/**
 * Reads a file (or standard input, file descriptor 0) as text the way an
 * editor would: a UTF-8 byte-order mark is dropped (so columns count from the
 * first character, not the mark), and UTF-16 — what Windows PowerShell's `>`
 * and `Out-File` write — is decoded, with its mark or without (told by the
 * NUL bytes that ASCII text has in every other byte). UTF-32 is refused by
 * name rather than read as garbage. Throws what `readFileSync` throws, and an
 * Error whose message names the encoding for UTF-32.
 */
export function readText(path: string | 0): string {
  return decodeText(readFileSync(path));
}

export function decodeText(bytes: Buffer): string {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return bytes.toString("utf8", 3);
  if (
    (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) ||
    (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)
  )
    throw new Error("the file is UTF-32 text; save it as UTF-8");
  if (b0 === 0xff && b1 === 0xfe) return bytes.toString("utf16le", 2);
  if (b0 === 0xfe && b1 === 0xff) return swapped(bytes.subarray(2)).toString("utf16le");
  const order = utf16WithoutMark(bytes);
  if (order === "le") return bytes.toString("utf16le");
  if (order === "be") return swapped(bytes).toString("utf16le");
  return bytes.toString("utf8");
}

/** A big-endian copy turned little-endian (Node decodes only UTF-16LE without full ICU). */
function swapped(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return copy.swap16();
}

/**
 * UTF-16 without a mark: JSON, YAML and HCL start with ASCII, which UTF-16
 * writes as one NUL and one non-NUL byte. Judged on the first 256 units;
 * UTF-8 text has no NUL bytes at all.
 */
function utf16WithoutMark(bytes: Buffer): "le" | "be" | undefined {
  const units = Math.min(256, Math.floor(bytes.length / 2));
  // The common case, decided at once: text that starts with two non-NUL bytes is not UTF-16 ASCII.
  if (units === 0 || (bytes[0] !== 0 && bytes[1] !== 0)) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < units; i++) {
    if (bytes[2 * i] === 0) evenNul++;
    if (bytes[2 * i + 1] === 0) oddNul++;
  }
  // Nearly every unit ASCII, and the NULs all on one side.
  if (oddNul >= units * 0.9 && evenNul === 0) return "le";
  if (evenNul >= units * 0.9 && oddNul === 0) return "be";
  return undefined;
}
