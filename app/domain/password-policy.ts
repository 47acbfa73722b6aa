import { normaliseEmployeeNumber } from "./employee-number.ts";

export const MIN_PASSWORD_LENGTH = 12;

export type PasswordProblem = "tooShort" | "isEmployeeNumber" | "mismatch";

/**
 * What is wrong with a new password, if anything. Reuse of the current
 * (initial) password is checked against its hash by the auth service.
 */
export function passwordProblem(next: string, confirmation: string, employeeNumber: string): PasswordProblem | null {
  if ([...next].length < MIN_PASSWORD_LENGTH) return "tooShort";
  if (normaliseEmployeeNumber(next) === normaliseEmployeeNumber(employeeNumber)) return "isEmployeeNumber";
  if (next !== confirmation) return "mismatch";
  return null;
}

// No 0/O, 1/l/I: initial passwords are read off a screen or paper.
const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A one-time initial password of `length` characters from `randomBytes`. */
export function initialPassword(randomBytes: Uint8Array, length = 14): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[randomBytes[i % randomBytes.length]! % ALPHABET.length];
  return out;
}
