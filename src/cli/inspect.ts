/** `scaling inspect FILE...`: what was read from run logs, before anything is fitted. */
import type { Command } from "@commander-js/extra-typings";
import type { CliContext } from "./context.js";
import { json } from "./options.js";
import { addReadOptions, toReadOptions } from "./readOptions.js";

export function registerInspect(program: Command, context: CliContext): void {
  addReadOptions(
    program
      .command("inspect")
      .description("show what was read from run logs: format, columns, derived fields, runs")
      .argument("<files...>", "run logs: CSV, TSV, JSONL, JSON, W&B export, trainer_state.json; - for stdin")
      .option("--json", "one JSON document on stdout (README, JSON output)"),
  )
    .addHelpText(
      "after",
      `
Examples:
  scaling inspect runs.csv
  scaling inspect wandb_export.csv --json
  scaling inspect trainer_state.json --set params=125M --set batch_size=32 --context 2048
  scaling inspect log.csv --col loss=val/loss --loss-unit bits
  cat runs.jsonl | scaling inspect -`,
    )
    .action(async (files, options) => {
      const [{ readRunSummaries }, { inputToJson, renderInspect }] = await Promise.all([import("../io/read.js"), import("../report/inputReport.js")]);
      // Runs without their points: memory does not grow with the file.
      const set = await readRunSummaries(files, toReadOptions(options, context));
      if (options.json) context.stdout(json(inputToJson(set)));
      else context.stdout(renderInspect(set, context.color));
    });
}
