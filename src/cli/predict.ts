/** `scaling predict`: the loss a run of N parameters reaches on D tokens (or S steps at B). */
import type { Command } from "@commander-js/extra-typings";
import { Option } from "@commander-js/extra-typings";
import { ScalingError } from "../errors.js";
import { resolveLawSet } from "../io/lawFile.js";
import { formatLoss, formatParams, formatSig, formatSteps, formatTokens } from "../io/units.js";
import type { Prediction } from "../plan/predict.js";
import { predict } from "../plan/predict.js";
import { renderPairs } from "../report/table.js";
import type { CliContext } from "./context.js";
import { json, positive } from "./options.js";

export function predictionToJson(prediction: Prediction): Record<string, unknown> {
  return {
    law: prediction.law,
    params: prediction.nParams,
    tokens: prediction.nTokens,
    steps: prediction.steps,
    batchTokens: prediction.batchTokens,
    loss: prediction.lossNats,
    overfitPenalty: prediction.overfitPenalty,
    minSteps: prediction.minSteps,
    lossFrom: prediction.lossFrom,
  };
}

export function registerPredict(program: Command, context: CliContext): void {
  program
    .command("predict")
    .description("the loss a run reaches: --params with --tokens, or with --steps and --batch-tokens")
    .addOption(new Option("--params <n>", "model size N (non-embedding for Kaplan laws)").argParser(positive("--params")))
    .addOption(new Option("--tokens <d>", "training tokens D").argParser(positive("--tokens")))
    .addOption(new Option("--steps <s>", "optimizer steps S").argParser(positive("--steps")))
    .addOption(new Option("--batch-tokens <b>", "batch size B in tokens").argParser(positive("--batch-tokens")))
    .option("--law <name|file>", "kaplan, chinchilla, epoch, or a fit file", "kaplan")
    .option("--json", "one JSON document on stdout (README, JSON output)")
    .addHelpText(
      "after",
      `
Examples:
  scaling predict --params 1.3e9 --tokens 2.6e10
  scaling predict --params 1.3B --steps 250k --batch-tokens 0.5M
  scaling predict --params 70B --tokens 1.4T --law chinchilla --json`,
    )
    .action((options) => {
      if (options.params === undefined) {
        throw new ScalingError("usage", "predict needs --params (e.g. scaling predict --params 1.3e9 --tokens 2.6e10)");
      }
      const result = predict(resolveLawSet(options.law), {
        nParams: options.params,
        ...(options.tokens !== undefined ? { nTokens: options.tokens } : {}),
        ...(options.steps !== undefined ? { steps: options.steps } : {}),
        ...(options.batchTokens !== undefined ? { batchTokens: options.batchTokens } : {}),
      });
      if (options.json) {
        context.stdout(json(predictionToJson(result)));
        return;
      }
      const rows: Array<[string, string]> = [
        ["parameters N", formatParams(result.nParams)],
        ["tokens D", formatTokens(result.nTokens)],
        ["batch B", result.batchTokens === null ? "-" : formatTokens(result.batchTokens)],
        ["steps S", result.steps === null ? "-" : formatSteps(result.steps)],
        ["predicted loss", `${formatLoss(result.lossNats)} (${result.lossFrom})`],
        [
          "overfitting penalty",
          result.overfitPenalty === null ? "-" : `${formatSig(result.overfitPenalty * 100)}% (L(N,D)/L(N,inf) - 1)`,
        ],
        ["S_min (eq. 5.4)", result.minSteps === null ? "-" : formatSteps(result.minSteps)],
      ];
      context.stdout(`${context.color.bold(`Prediction, law ${result.law}`)}\n${renderPairs(rows)}\n`);
    });
}
