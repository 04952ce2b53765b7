/**
 * What a reader of one file shares with the others: options, the collector of runs, the bad
 * rows, and what the summary reports (format, columns used, derived fields).
 */
import { ScalingError } from "../errors.js";
import type { BadRows } from "./badRows.js";
import type { Collector, GroupMode } from "./collector.js";
import { F, FIELD_COUNT } from "./collector.js";
import type { Field } from "./fields.js";
import { aliasesOf, fieldNamed } from "./fields.js";
import type { ReadOptions } from "./readOptions.js";
import type { InputFormat } from "./runs.js";

export interface FileContext {
  file: string;
  options: ReadOptions;
  collector: Collector;
  bad: BadRows;
  format: InputFormat;
  /** field -> column it came from, as the summary reports it. */
  columns: Map<string, string>;
  derived: Set<string>;
}

/** Keys that would reach an object's prototype if ever assigned; rejected wherever they appear. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Row values with every `--set` field filled in and the rest NaN. */
export function baseValues(options: ReadOptions): Float64Array {
  const base = new Float64Array(FIELD_COUNT).fill(NaN);
  for (const [name, value] of Object.entries(options.set ?? {})) {
    const field = fieldNamed(name, "--set");
    if (field !== "run") base[F[field]] = value;
  }
  return base;
}

/** Fields given by `--set`. */
export function setFields(options: ReadOptions): Set<Field> {
  return new Set(Object.keys(options.set ?? {}).map((name) => fieldNamed(name, "--set")));
}

/** Fields present (found in the file or set); checks that the file can be used at all. */
export function checkRequired(found: ReadonlySet<Field>, context: FileContext, line?: number): void {
  const where = { file: context.file, ...(line !== undefined ? { line } : {}) };
  if (!found.has("loss")) {
    throw new ScalingError("input", `no loss column (looked for ${aliasesOf("loss").join(", ")}); name it with --col loss=COLUMN`, where);
  }
  const has = (field: Field): boolean => found.has(field);
  if (!has("params") && !has("tokens") && !has("step") && !has("flops") && !(has("nLayer") && has("dModel"))) {
    throw new ScalingError("input", "no params, tokens or step column; name one with --col FIELD=COLUMN or give it with --set FIELD=VALUE", where);
  }
}

/** Record the columns used and pick how rows group into runs. */
export function describe(found: ReadonlyMap<Field, string>, context: FileContext): GroupMode {
  for (const name of Object.keys(context.options.set ?? {})) {
    const field = fieldNamed(name, "--set");
    if (!context.columns.has(field)) context.columns.set(field, `--set ${context.options.set![name]}`);
  }
  for (const [field, column] of found) if (!context.columns.has(field)) context.columns.set(field, column);
  const set = setFields(context.options);
  const has = (field: Field): boolean => found.has(field) || set.has(field);
  if (!has("params") && has("nLayer") && has("dModel")) context.derived.add("params = 12 x n_layer x d_model^2");
  if (!has("batchTokens") && has("batchSize")) context.derived.add("batchTokens = batch_size x context");
  if (!has("tokens") && has("flops")) context.derived.add("tokens = flops / (6 x params)");
  if (found.has("run")) return "column";
  return has("step") ? "pair" : "row";
}
