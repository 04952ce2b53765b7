/**
 * One cell of a run log to a number, or the reason it is not one. The fast path is `Number`;
 * SI suffixes (`125M`, `1.3B`) go through parseQuantity.
 */
import type { Field } from "./fields.js";
import { POSITIVE_FIELDS } from "./fields.js";
import { parseQuantity } from "./units.js";

const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;
const SIMPLE_NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const FIX = "fix the row or pass --skip-bad-rows";

/**
 * Parse a cell of a numeric field.
 * @returns the number, or a message saying what is wrong and what to do
 */
export function parseCell(text: string, field: Field, column: string): number | string {
  // Fast path: Number() takes plain decimals; it also reads "" and " " as 0, hence the check.
  let value = Number(text);
  if (Number.isNaN(value) || (value === 0 && !SIMPLE_NUMBER.test(text))) {
    const trimmed = text.trim();
    if (trimmed === "") return `${column} is empty; ${FIX}`;
    if (NON_FINITE.test(trimmed)) return `${column}: "${trimmed}" is not a finite number; ${FIX}`;
    try {
      value = parseQuantity(trimmed, column);
    } catch {
      return `${column}: "${trimmed}" is not a number; ${FIX}`;
    }
  }
  return checkValue(value, field, column, text.trim());
}

/** A number from JSON (or a string holding one) for a numeric field. */
export function parseJsonValue(value: unknown, field: Field, column: string): number | string {
  if (typeof value === "string") return parseCell(value, field, column);
  if (typeof value === "number") return checkValue(value, field, column, String(value));
  if (value === null || value === undefined) return `${column} is ${value === null ? "null" : "missing"}; ${FIX}`;
  return `${column}: ${JSON.stringify(value)} is not a number; ${FIX}`;
}

function checkValue(value: number, field: Field, column: string, text: string): number | string {
  if (!Number.isFinite(value)) return `${column}: "${text}" is not a finite number; ${FIX}`;
  if (POSITIVE_FIELDS.has(field)) {
    if (!(value > 0)) return `${column}: "${text}" must be greater than zero; ${FIX}`;
  } else if (value < 0) {
    return `${column}: "${text}" must not be negative; ${FIX}`;
  }
  return value;
}
