/**
 * A proposal file (JSON, YAML, or a training config) read into proposals, plus the law and
 * thresholds its `scaling:` section sets:
 *
 *     scaling: { law: chinchilla, wasteWarn: 0.05, wasteFail: 0.2 }
 *     proposals:
 *       - { name: 7b, params: 7B, tokens: 140B, batchTokens: 4M }
 */
import { ScalingError } from "../errors.js";
import { parseQuantity } from "../io/units.js";
import type { FieldMap } from "./proposalFields.js";
import { recordToProposal } from "./proposalFields.js";
import { readSourceTree } from "./sourceTree.js";
import type { CheckThresholds, ThresholdLocations } from "./thresholds.js";
import { THRESHOLD_NAMES } from "./thresholds.js";
import type { Proposal } from "./types.js";

export interface FileSettings {
  /** A preset name or a fit file path, as `--law` takes. */
  law?: string;
  thresholds: Partial<CheckThresholds>;
  /** Where the `scaling:` section sets each threshold. */
  locations: ThresholdLocations;
}

export interface ProposalFile {
  file: string;
  proposals: Proposal[];
  settings: FileSettings;
}

/** @param defaults - quantities given as flags, for proposals that lack them */
export function parseProposalFile(
  text: string,
  file: string,
  fieldMap: FieldMap = new Map(),
  defaults: Partial<Proposal> = {},
): ProposalFile {
  const tree = readSourceTree(text, file);
  if (tree.records.length === 0) throw new ScalingError("input", "no proposals in the file", { file });
  const proposals = tree.records.map((record, index) => recordToProposal(record, file, index, fieldMap, defaults));
  const settings: FileSettings = { thresholds: {}, locations: {} };
  for (const [key, located] of tree.settings?.fields ?? []) {
    const at = { file, line: located.line, column: located.column };
    if (key === "law") {
      if (typeof located.value !== "string") throw new ScalingError("input", "scaling.law must be a preset name or a fit file path", at);
      settings.law = located.value;
      continue;
    }
    if (!(THRESHOLD_NAMES as readonly string[]).includes(key)) {
      throw new ScalingError("input", `scaling.${key} is not a setting; known: law, ${THRESHOLD_NAMES.join(", ")}`, at);
    }
    let value: number;
    try {
      value = typeof located.value === "number" ? located.value : parseQuantity(String(located.value), `scaling.${key}`);
    } catch {
      throw new ScalingError("input", `scaling.${key}: ${JSON.stringify(located.value)} is not a number`, at);
    }
    settings.thresholds[key as keyof CheckThresholds] = value;
    settings.locations[key as keyof CheckThresholds] = { line: located.line, column: located.column };
  }
  return { file, proposals, settings };
}
