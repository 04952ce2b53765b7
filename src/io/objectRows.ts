/**
 * Rows that are JSON objects (JSONL lines, JSON array entries, trainer_state log entries) to
 * the collector. Keys are matched like CSV headers, per distinct key set; keys that could
 * reach a prototype are rejected, and values are only read, never copied into objects.
 */
import { F } from "./collector.js";
import type { GroupMode } from "./collector.js";
import { parseJsonValue } from "./cells.js";
import type { Field } from "./fields.js";
import { POSITIVE_FIELDS, fieldNamed, matchColumns, normalizeName } from "./fields.js";
import type { FileContext } from "./fileContext.js";
import { FORBIDDEN_KEYS, baseValues, checkRequired, describe, setFields } from "./fileContext.js";
import { RUN, SKIP } from "./byteRows.js";

interface Mapping {
  keys: string[];
  fields: Array<[Field, string]>;
}

export type ObjectRowHandler = (row: unknown, line: number | undefined, label: string) => void;

/**
 * How the values of objects with one key sequence are read, for a reader that reads them
 * itself from bytes (jsonlBytes.ts): each key's role, by position.
 */
export interface KeyPlan {
  /** Each key's role: F slot of a numeric field, RUN, or SKIP (as in TablePlan). */
  roles: Int8Array;
  /** Each key: 1 when its field must be > 0 (else >= 0). */
  positive: Uint8Array;
  /** Row values before the row's values are read (--set fields, NaN elsewhere). */
  base: Float64Array;
  mode: GroupMode;
  /** False when every such row is bad (no loss, or no run name where runs are named): none is read fast. */
  complete: boolean;
}

/** An object-row handler, and the plan of a key sequence. */
export interface ObjectRows extends ObjectRowHandler {
  /**
   * The plan for objects with these keys, in this order, making their mapping as the handler
   * would; null (nothing made) when a key is not allowed or repeats.
   */
  plan(keys: string[], line: number): KeyPlan | null;
}

/** A handler for object rows; `label` prefixes messages when there is no line (`entry 3`). */
export function objectRows(context: FileContext): ObjectRows {
  const mappings = new Map<string, Mapping>();
  let mode: GroupMode | null = null;
  const base = baseValues(context.options);
  const values = new Float64Array(base.length);
  const set = setFields(context.options);
  const { file, bad, collector } = context;
  const badRow = (line: number | undefined, label: string, message: string): void =>
    bad.add({ file, ...(line !== undefined ? { line, column: 1 } : {}), message: line === undefined ? `${label}: ${message}` : message });

  /** The mapping of a key set, made (columns described, required fields checked) when first seen. */
  const mappingOf = (keys: string[], line: number | undefined): Mapping => {
    const signature = keys.join("\0");
    let mapping = mappings.get(signature);
    if (mapping !== undefined) return mapping;
    // A --col key missing from this row leaves its field absent (reported per row), not a usage error.
    const has = (key: string): boolean => keys.some((k) => k === key || normalizeName(k) === normalizeName(key));
    const named = Object.entries(context.options.columns ?? {});
    const matched = matchColumns(keys, Object.fromEntries(named.filter(([, key]) => has(key))), file);
    for (const [name, key] of named) if (!has(key)) matched.delete(fieldNamed(name, "--col"));
    const found = new Map([...matched].map(([field, index]) => [field, keys[index]!]));
    if (mode === null) {
      // Fields named by --col count as present: lines of a log may carry different keys.
      checkRequired(new Set([...matched.keys(), ...set, ...named.map(([name]) => fieldNamed(name, "--col"))]), context, line);
      mode = describe(found, context);
    } else {
      describe(found, context);
    }
    mapping = { keys, fields: [...matched].map(([field, index]) => [field, keys[index]!]) };
    mappings.set(signature, mapping);
    return mapping;
  };

  const handler: ObjectRowHandler = (row, line, label) => {
    if (typeof row !== "object" || row === null || Array.isArray(row)) {
      return badRow(line, label, `expected a JSON object like {"step": 100, "loss": 3.2}, got ${Array.isArray(row) ? "an array" : JSON.stringify(row)}; fix the row or pass --skip-bad-rows`);
    }
    const keys = Object.keys(row);
    const forbidden = keys.find((key) => FORBIDDEN_KEYS.has(key));
    if (forbidden !== undefined) return badRow(line, label, `key "${forbidden}" is not allowed; rename or remove it, or pass --skip-bad-rows`);
    const mapping = mappingOf(keys, line);
    const record = row as Record<string, unknown>;
    values.set(base);
    let name: string | null = null;
    for (const [field, key] of mapping.fields) {
      const raw = Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
      if (field === "run") {
        if (typeof raw !== "string" && typeof raw !== "number") return badRow(line, label, `${key} should be a run name, got ${JSON.stringify(raw)}; fix the row or pass --skip-bad-rows`);
        name = String(raw);
        continue;
      }
      const parsed = parseJsonValue(raw, field, key);
      if (typeof parsed === "string") return badRow(line, label, parsed);
      values[F[field]] = parsed;
    }
    if (mode === "column" && name === null) return badRow(line, label, "the row has no run name; fix the row or pass --skip-bad-rows");
    if (Number.isNaN(values[F.loss]!)) return badRow(line, label, "the row has no loss; fix the row or pass --skip-bad-rows");
    collector.add(file, mode!, name, values, line ?? 0, bad);
  };

  const plan = (keys: string[], line: number): KeyPlan | null => {
    if (keys.some((key) => FORBIDDEN_KEYS.has(key)) || new Set(keys).size !== keys.length) return null;
    const mapping = mappingOf(keys, line);
    const roles = new Int8Array(keys.length).fill(SKIP);
    const positive = new Uint8Array(keys.length);
    let hasRun = false;
    let hasLoss = !Number.isNaN(base[F.loss]!);
    for (const [field, key] of mapping.fields) {
      const index = keys.indexOf(key);
      if (field === "run") {
        roles[index] = RUN;
        hasRun = true;
      } else {
        roles[index] = F[field];
        positive[index] = POSITIVE_FIELDS.has(field) ? 1 : 0;
        if (field === "loss") hasLoss = true;
      }
    }
    return { roles, positive, base, mode: mode!, complete: hasLoss && (mode !== "column" || hasRun) };
  };
  return Object.assign(handler, { plan });
}
