/**
 * From a located record (a proposal file's object, or a training config) to a `Proposal`:
 * fields by their own names, by common config names (nanoGPT, Hugging Face), or by a
 * `--map configKey=field`; derived where the config states the parts:
 * N = 12 n_layer d_model^2 (shared/laws.md, Notation) and
 * B = batch_size x context x gradient_accumulation_steps tokens.
 */
import type { SourceLocation } from "../errors.js";
import { ScalingError } from "../errors.js";
import { parseQuantity } from "../io/units.js";
import { closestName } from "./closestName.js";
import type { Located, LocatedRecord } from "./sourceTree.js";
import type { Proposal } from "./types.js";

/** Everything a record may give, before derivation. */
const ALIASES = {
  name: ["name", "run_name", "wandb_run_name", "model_name"],
  nParams: ["params", "n_params", "num_params", "num_parameters", "non_embedding_params"],
  nTokens: ["tokens", "train_tokens", "total_tokens", "num_tokens"],
  batchTokens: ["batchTokens", "batch_tokens", "tokens_per_batch", "tokens_per_iter"],
  steps: ["steps", "max_iters", "max_steps", "train_steps", "total_steps", "num_train_steps", "training_steps"],
  flops: ["flops", "compute_flops"],
  datasetTokens: ["datasetTokens", "dataset_tokens"],
  targetLossNats: ["targetLoss", "target_loss"],
  nLayer: ["n_layer", "n_layers", "num_layers", "num_hidden_layers"],
  dModel: ["n_embd", "d_model", "hidden_size"],
  batchSequences: ["batch_size", "global_batch_size", "train_batch_size"],
  contextTokens: ["block_size", "seq_len", "seq_length", "context_length", "n_ctx", "max_seq_len"],
  gradAccum: ["gradient_accumulation_steps"],
} as const;

type Slot = keyof typeof ALIASES;

/** Every key a record may use for a field. */
const KNOWN_KEYS: ReadonlySet<string> = new Set(Object.values(ALIASES).flat());

/** A proposal's own field names, as README's example writes them. */
const PROPOSAL_KEYS = ["name", "params", "tokens", "batchTokens", "steps", "flops", "datasetTokens", "targetLoss"];

/**
 * Names only a training config uses (a model shape, a batch in sequences, a trainer's step
 * count or run name): a file that is one object with one of them is a config, whose other
 * keys (vocab_size, learning_rate, ...) are expected; without, it is a proposal, and a key it
 * does not know is a typo.
 */
const CONFIG_KEYS: ReadonlySet<string> = new Set<string>([
  ...ALIASES.nLayer,
  ...ALIASES.dModel,
  ...ALIASES.batchSequences,
  ...ALIASES.contextTokens,
  ...ALIASES.gradAccum,
  ...ALIASES.steps.filter((key) => key !== "steps"),
  ...ALIASES.name.filter((key) => key !== "name"),
]);

/** Field names a `--map` may target, as a user writes them. */
export const MAP_TARGETS: Record<string, Slot> = {
  name: "name",
  params: "nParams",
  tokens: "nTokens",
  batchTokens: "batchTokens",
  steps: "steps",
  flops: "flops",
  datasetTokens: "datasetTokens",
  targetLoss: "targetLossNats",
  nLayer: "nLayer",
  dModel: "dModel",
  batchSize: "batchSequences",
  contextLength: "contextTokens",
  gradAccum: "gradAccum",
};

/** `--map` as given: config key -> target field name (a key of MAP_TARGETS). */
export type FieldMap = ReadonlyMap<string, string>;

export function parseFieldMap(entries: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of entries) {
    const match = /^([^=]+)=([^=]+)$/.exec(entry.trim());
    const target = match?.[2]?.trim();
    if (match === null || target === undefined || !(target in MAP_TARGETS)) {
      throw new ScalingError(
        "usage",
        `--map: "${entry}" must be configKey=field with field one of ${Object.keys(MAP_TARGETS).join(", ")}`,
      );
    }
    map.set(match[1]!.trim(), target);
  }
  return map;
}

/**
 * The proposal a record states. `defaults` (from flags) fill in what the record lacks, so a
 * config without a model size can be checked with `--params`.
 */
export function recordToProposal(
  record: LocatedRecord,
  file: string,
  index: number,
  fieldMap: FieldMap,
  defaults: Partial<Proposal> = {},
): Proposal {
  checkKeys(record, file, fieldMap);
  const found = new Map<Slot, Located>();
  for (const [key, target] of fieldMap) {
    const located = record.fields.get(key);
    if (located !== undefined) found.set(MAP_TARGETS[target]!, located);
  }
  for (const slot of Object.keys(ALIASES) as Slot[]) {
    if (found.has(slot)) continue;
    const key = ALIASES[slot].find((alias) => record.fields.has(alias));
    if (key !== undefined) found.set(slot, record.fields.get(key)!);
  }
  const at = (located: Located): SourceLocation => ({ file, line: located.line, column: located.column });
  const number = (slot: Slot, label: string): number | undefined => {
    const located = found.get(slot);
    if (located === undefined || located.value === null) return undefined;
    const { value } = located;
    let parsed: number;
    try {
      parsed = typeof value === "number" ? value : parseQuantity(String(value), label);
    } catch {
      throw new ScalingError("input", `${label}: ${JSON.stringify(value)} is not a number; write it like 7e9, 7B or 300M`, at(located));
    }
    if (!(parsed > 0) || !Number.isFinite(parsed)) {
      throw new ScalingError("input", `${label}: ${JSON.stringify(value)} must be a positive number`, at(located));
    }
    return parsed;
  };
  const nLayer = number("nLayer", "n_layer");
  const dModel = number("dModel", "d_model");
  let nParams = number("nParams", "params") ?? defaults.nParams;
  if (nParams === undefined && nLayer !== undefined && dModel !== undefined) nParams = 12 * nLayer * dModel * dModel;
  if (nParams === undefined) {
    throw new ScalingError(
      "input",
      "no params: give params (e.g. params: 7e9), n_layer with n_embd/d_model, --map KEY=params, or --params",
      { file, line: record.line || 1 },
    );
  }
  const sequences = number("batchSequences", "batch_size");
  const context = number("contextTokens", "block_size");
  let batchTokens = number("batchTokens", "batchTokens");
  if (batchTokens === undefined && sequences !== undefined && context !== undefined) {
    batchTokens = sequences * context * (number("gradAccum", "gradient_accumulation_steps") ?? 1);
  }
  const nameValue = found.get("name")?.value;
  const optional: Array<[keyof Proposal, number | undefined]> = [
    ["nTokens", number("nTokens", "tokens")],
    ["batchTokens", batchTokens],
    ["steps", number("steps", "steps")],
    ["flops", number("flops", "flops")],
    ["datasetTokens", number("datasetTokens", "datasetTokens")],
    ["targetLossNats", number("targetLossNats", "targetLoss")],
  ];
  const proposal: Proposal = {
    name: typeof nameValue === "string" || typeof nameValue === "number" ? String(nameValue) : `${file}#${index + 1}`,
    nParams,
    source: { file, line: proposalLine(record, found) },
  };
  for (const [key, value] of optional) {
    const given = value ?? defaults[key];
    if (typeof given === "number") (proposal as unknown as Record<string, number>)[key] = given;
  }
  return proposal;
}

/**
 * Every `--map` key must be in the record, and a proposal's every key must be a field (or a
 * mapped key): a typo (`tokenz: 200B`) would otherwise leave a check silently skipped.
 * Training configs (Python configs; a file that is one object, without `scaling:`, read with
 * `--map` or using a config's names) have keys check does not use: only mapped keys must be there.
 * @throws ScalingError("input") naming the key, with the closest known name when there is one
 */
function checkKeys(record: LocatedRecord, file: string, fieldMap: FieldMap): void {
  const keys = [...record.fields.keys()];
  const inList = record.kind === "proposal" && record.line > 0;
  for (const [key, target] of fieldMap) {
    if (record.fields.has(key)) continue;
    const section = keys.find((candidate) => candidate.startsWith(`${key}.`));
    const guess = section ?? closestName(key, keys);
    throw new ScalingError(
      "input",
      `--map ${key}=${target}: no key ${key} in ${inList ? "this proposal" : "the file"}${guess !== undefined ? ` (did you mean ${guess}?)` : ""}`,
      inList ? { file, line: record.line } : { file },
    );
  }
  const isConfig =
    record.kind === "config" || (record.kind === "object" && (fieldMap.size > 0 || keys.some((key) => CONFIG_KEYS.has(key))));
  if (isConfig) return;
  for (const [key, located] of record.fields) {
    if (KNOWN_KEYS.has(key) || fieldMap.has(key)) continue;
    // `proposals` too: `proposal:` beside a `scaling:` section makes the file one proposal.
    const guess = closestName(key, PROPOSAL_KEYS) ?? closestName(key, KNOWN_KEYS) ?? closestName(key, ["proposals"]);
    const hint = guess !== undefined ? `did you mean ${guess}?` : `known: ${PROPOSAL_KEYS.join(", ")} (a training config's keys: --map KEY=field)`;
    throw new ScalingError("input", `${key} is not a proposal field; ${hint}`, { file, line: located.keyLine, column: located.keyColumn });
  }
}

/** The record's line; for a flat config (line 0), the first field the proposal was read from. */
function proposalLine(record: LocatedRecord, found: ReadonlyMap<Slot, Located>): number {
  if (record.line > 0) return record.line;
  const lines = [...found.values()].map((located) => located.line);
  return lines.length > 0 ? Math.min(...lines) : 1;
}
