/** `scaling check`: hold training proposals to the laws; exit 1 when one fails (CI). */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import type { Command } from "@commander-js/extra-typings";
import { Option } from "@commander-js/extra-typings";
import type { CheckJob } from "../check/checkProposal.js";
import type { ProposalFile } from "../check/proposalFile.js";
import type { CheckThresholds } from "../check/thresholds.js";
import type { Proposal } from "../check/types.js";
import { ScalingError } from "../errors.js";
import type { LawSet } from "../laws/types.js";
import type { CliContext } from "./context.js";
import { json, list, positive } from "./options.js";

const FORMATS = ["table", "json", "github"] as const;
const STDIN = "<stdin>";

/** Proposal quantities as flags: option name -> Proposal field. */
const QUANTITY_FLAGS = [
  ["params", "nParams", "model size N (non-embedding for Kaplan laws)"],
  ["tokens", "nTokens", "training tokens D"],
  ["batchTokens", "batchTokens", "batch size B in tokens"],
  ["steps", "steps", "optimizer steps S"],
  ["flops", "flops", "training compute C in FLOPs (cross-checked against 6 N D)"],
  ["datasetTokens", "datasetTokens", "unique tokens available (for overfitting; default: tokens)"],
  ["targetLoss", "targetLossNats", "loss the run must reach, nats/token"],
] as const;

const THRESHOLD_FLAGS = [
  ["overfitTolerance", "overfitting penalty delta of D_min(N; delta) (default 0.02)"],
  ["wasteWarn", "wasted compute fraction that warns (default 0.1)"],
  ["wasteFail", "wasted compute fraction that fails (default 0.3)"],
  ["batchRange", "k: batch-size warns outside [B_crit/k, k B_crit] (default 4)"],
  ["sizeRatioWarn", "model-size warns when N is this many times off optimal (default 3)"],
  ["sizeRatioFail", "model-size fails when N is this many times off optimal (default 10)"],
  ["consistencyTolerance", "allowed mismatch of tokens vs B x S and flops vs 6 N D (default 0.05)"],
] as const;

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function registerCheck(program: Command, context: CliContext): void {
  const command = program
    .command("check")
    .description("check training proposals against the laws: overfitting, wasted compute, batch size, target loss, model size")
    .argument("[files...]", "proposal files (JSON, YAML; - for stdin) or training configs (nanoGPT .py, HF config.json)");
  for (const [name, , help] of QUANTITY_FLAGS) {
    command.addOption(new Option(`--${kebab(name)} <value>`, help).argParser(positive(`--${kebab(name)}`)));
  }
  for (const [name, help] of THRESHOLD_FLAGS) {
    command.addOption(new Option(`--${kebab(name)} <value>`, help).argParser(positive(`--${kebab(name)}`)));
  }
  command
    .option("--name <name>", "name of the proposal given by flags", "proposal")
    .option("--law <name|file>", "kaplan (default), chinchilla, epoch, or a fit file; overrides the file's scaling.law")
    .option("--map <key=field>", "read a config key as a field (repeat or comma-separate): --map max_iters=steps", list)
    .option("--strict", "warnings fail too")
    .addOption(new Option("--format <format>", "output: table, json or github (annotations)").choices(FORMATS).default("table" as const))
    .option("--json", "same as --format json")
    .addHelpText(
      "after",
      `
Examples:
  scaling check proposal.yaml
  scaling check --params 7e9 --tokens 2e11 --batch-tokens 4e6
  scaling check proposals.json --law chinchilla --waste-fail 0.2 --strict
  scaling check config/train_gpt2.py --params 85M --format github
  scaling check config.json --map train.max_steps=steps --json
  cat proposal.yaml | scaling check -

Exit codes: 0 nothing failed, 1 a check failed (--strict: or warned), 2 bad input.`,
    )
    .action(async (files, options) => {
      // Loaded here, not at start-up: `plan` should not pay for the checks. The proposal reader
      // imports yaml (the slowest module to load): only when there are files.
      const [{ checkProposals, getExitCode }, { parseFieldMap }, { renderCheckTable, renderGithub, reportToJson }, { resolveFileThresholds }, { resolveLawSet }, { findPreset }] =
        await Promise.all([
          import("../check/checkProposal.js"),
          import("../check/proposalFields.js"),
          import("../check/render.js"),
          import("../check/thresholds.js"),
          import("../io/lawFile.js"),
          import("../laws/presets.js"),
        ]);
      const { parseProposalFile } = files.length > 0 ? await import("../check/proposalFile.js") : { parseProposalFile: undefined };
      const values = options as unknown as Record<string, number | undefined>;
      const flagProposal: Partial<Proposal> = {};
      for (const [name, field] of QUANTITY_FLAGS) {
        if (values[name] !== undefined) (flagProposal as Record<string, number>)[field] = values[name]!;
      }
      const flagThresholds: Partial<CheckThresholds> = {};
      for (const [name] of THRESHOLD_FLAGS) if (values[name] !== undefined) flagThresholds[name] = values[name];
      const hasFlagProposal = Object.keys(flagProposal).length > 0;
      if (files.length === 0 && !hasFlagProposal) {
        throw new ScalingError("usage", "check needs a proposal file or --params (e.g. scaling check --params 7e9 --tokens 2e11)");
      }
      const { nParams, nTokens, batchTokens, steps, flops, datasetTokens } = flagProposal;
      const hasData = nTokens !== undefined || flops !== undefined || datasetTokens !== undefined || (batchTokens !== undefined && steps !== undefined);
      if (files.length === 0 && (nParams === undefined || !hasData)) {
        // --params alone leaves every check skipped: an error, never a pass (the core says so too).
        throw new ScalingError("usage", "check needs --params with --tokens, --batch-tokens and --steps, --flops or --dataset-tokens");
      }
      const fieldMap = parseFieldMap(options.map ?? []);
      const lawSets = new Map<string, LawSet>();
      const lawFor = (name: string, file: string | undefined): LawSet => {
        const path = findPreset(name) === undefined && file !== undefined && !isAbsolute(name) ? join(dirname(file), name) : name;
        if (!lawSets.has(path)) lawSets.set(path, resolveLawSet(path));
        return lawSets.get(path)!;
      };
      // With files, quantity flags fill in what a file's proposals lack (a config without N).
      const sources: ProposalFile[] =
        files.length === 0
        ? [{ file: "", proposals: [{ ...(flagProposal as Proposal), name: options.name }], settings: { thresholds: {}, locations: {} } }]
        : files.map((file) => parseProposalFile!(readText(file), file === "-" ? STDIN : file, fieldMap, flagProposal));
      const jobs: CheckJob[] = [];
      for (const source of sources) {
        const lawSet = options.law !== undefined ? lawFor(options.law, undefined) : lawFor(source.settings.law ?? "kaplan", source.file || undefined);
        const { file, settings } = source;
        const thresholds = resolveFileThresholds(file, settings.thresholds, settings.locations, flagThresholds);
        for (const proposal of source.proposals) jobs.push({ proposal, lawSet, thresholds });
      }
      const strict = options.strict === true;
      const report = checkProposals(jobs, strict);
      const format = options.json ? "json" : options.format;
      if (format === "json") context.stdout(json(reportToJson(report)));
      else if (format === "github") context.stdout(renderGithub(report, strict));
      else context.stdout(renderCheckTable(report, context.color, strict));
      context.exitCode = getExitCode(report, strict);
    });
}

/** A file's text; `-` is stdin (read as YAML, which covers JSON). */
function readText(file: string): string {
  try {
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : "cannot read it";
    throw new ScalingError("input", `${reason}; check takes proposal files (JSON or YAML) or training configs`, { file });
  }
}
