/**
 * The fields a run log may carry and the column names each is found by (DESIGN.md, Run logs).
 * Names are matched case- and separator-insensitively: `val/loss`, `val_loss`, `Val Loss`.
 */
import { ScalingError } from "../errors.js";

export type Field =
  | "run"
  | "params"
  | "tokens"
  | "step"
  | "batchSize"
  | "batchTokens"
  | "loss"
  | "nLayer"
  | "dModel"
  | "flops";

/** Numeric fields, in the order columns are kept per row. */
export const NUMERIC_FIELDS: readonly Field[] = ["params", "tokens", "step", "batchSize", "batchTokens", "loss", "nLayer", "dModel", "flops"];

/** Fields that must be > 0; the others (step, tokens) must be >= 0. */
export const POSITIVE_FIELDS: ReadonlySet<Field> = new Set<Field>(["params", "batchSize", "batchTokens", "loss", "nLayer", "dModel", "flops"]);

/** Column names of each field, best first (the first present wins: validation loss before training loss). */
const ALIASES: Record<Field, string[]> = {
  run: ["run", "name", "run_name", "run_id", "runid", "model", "experiment"],
  params: ["params", "n_params", "non_embedding_params", "nonembedding_params", "num_params", "nparams", "parameters", "N", "model_size"],
  tokens: ["tokens", "n_tokens", "num_tokens", "tokens_seen", "num_input_tokens_seen", "train_tokens", "D"],
  step: ["step", "steps", "global_step", "train/global_step", "iter", "iteration", "_step"],
  batchSize: ["batch_size", "bs", "batch", "train_batch_size"],
  batchTokens: ["batch_tokens", "tokens_per_batch", "batch_size_tokens", "B"],
  loss: ["val_loss", "eval/loss", "eval_loss", "validation_loss", "valid_loss", "test_loss", "loss", "train/loss", "train_loss"],
  nLayer: ["n_layer", "n_layers", "num_layers", "num_hidden_layers", "layers"],
  dModel: ["d_model", "hidden_size", "n_embd", "width"],
  flops: ["flops", "compute", "train_flops", "C"],
};

const FIELD_NAMES: Record<string, Field> = Object.assign(Object.create(null) as Record<string, Field>, {
  run: "run",
  params: "params",
  tokens: "tokens",
  step: "step",
  batchsize: "batchSize",
  batchtokens: "batchTokens",
  loss: "loss",
  nlayer: "nLayer",
  dmodel: "dModel",
  flops: "flops",
});

/** `Val Loss`, `val/loss`, `val_loss` -> `valloss`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[\s_\-/.:]+/g, "");
}

/** Column names of a field, for messages. */
export function aliasesOf(field: Field): string[] {
  return ALIASES[field];
}

/**
 * The field a user names in `--col`/`--set` (`params`, `batch_size`, `batchTokens`, `n_layer`).
 * @throws ScalingError("usage") for an unknown field, listing the known ones
 */
export function fieldNamed(name: string, flag: string): Field {
  const field = FIELD_NAMES[normalizeName(name)];
  if (field === undefined) {
    throw new ScalingError("usage", `${flag}: unknown field "${name}"; fields are run, params, tokens, step, batch_size, batch_tokens, loss, n_layer, d_model, flops`);
  }
  return field;
}

/**
 * Which column each field comes from: `--col` first, then the aliases, best first.
 * @param header - the column names of a file
 * @param columns - `--col` field -> column
 * @returns field -> column index (only fields that were found)
 * @throws ScalingError("usage") when a `--col` column is not in the header
 */
export function matchColumns(header: readonly string[], columns: Record<string, string> = {}, file = ""): Map<Field, number> {
  const found = new Map<Field, number>();
  const byNormal = new Map<string, number>();
  header.forEach((name, index) => {
    const key = normalizeName(name);
    if (!byNormal.has(key)) byNormal.set(key, index);
  });
  for (const [fieldName, column] of Object.entries(columns)) {
    const field = fieldNamed(fieldName, "--col");
    let index = header.indexOf(column);
    if (index < 0) index = byNormal.get(normalizeName(column)) ?? -1;
    if (index < 0) {
      throw new ScalingError("usage", `--col ${fieldName}=${column}: ${file} has no column "${column}"; its columns are ${header.join(", ")}`);
    }
    found.set(field, index);
  }
  for (const field of Object.keys(ALIASES) as Field[]) {
    if (found.has(field)) continue;
    for (const alias of ALIASES[field]) {
      // One-letter aliases (N, D, B, C) match only exactly, so `c` or `b` columns are not taken by accident.
      const index = alias.length === 1 ? header.indexOf(alias) : (byNormal.get(normalizeName(alias)) ?? -1);
      if (index >= 0 && ![...found.values()].includes(index)) {
        found.set(field, index);
        break;
      }
    }
  }
  return found;
}
