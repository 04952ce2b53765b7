/** `scaling plan`: split a compute budget (or reach a loss, or size a model) under a law. */
import type { Command } from "@commander-js/extra-typings";
import { Option } from "@commander-js/extra-typings";
import { ScalingError } from "../errors.js";
import { resolveLawSet } from "../io/lawFile.js";
import { PRESETS } from "../laws/presets.js";
import { ACCELERATORS, findAccelerator, trainingTime } from "../plan/hardware.js";
import type { PlanGoal, PlanOptions } from "../plan/plan.js";
import { plan } from "../plan/plan.js";
import type { PlanExtras } from "../report/planReport.js";
import { planToJson, renderCompare, renderPlan } from "../report/planReport.js";
import type { LawSet } from "../laws/types.js";
import { lawFamily } from "../laws/types.js";
import type { CliContext } from "./context.js";
import { count, fraction, json, positive } from "./options.js";
import { rangesForLawFile } from "./planRanges.js";
import { writeOutputFile } from "./writeOutput.js";

export function registerPlan(program: Command, context: CliContext): void {
  program
    .command("plan")
    .description("split a compute budget into model size, batch, steps and data")
    .addOption(new Option("--compute <flops>", "training budget in FLOPs or PF-days (1e21, 3.5pf-days)").argParser(positive("--compute")))
    .addOption(new Option("--target-loss <nats>", "the inverse: the smallest budget that reaches this loss").argParser(positive("--target-loss")))
    .addOption(new Option("--params <n>", "a fixed model size: its compute-efficient tokens, steps and budget").argParser(positive("--params")))
    .addOption(new Option("--max-tokens <d>", "cap on unique training tokens: the data-constrained plan").argParser(positive("--max-tokens")))
    .option("--law <name|file>", "kaplan, chinchilla, epoch, or a fit file from `scaling fit --out`", "kaplan")
    .option("--compare", "every preset side by side for the same goal (not with --law)")
    .addOption(new Option("--batch-factor <k>", "train at B = k x B_crit(L) (Kaplan laws)").default(1).argParser(positive("--batch-factor")))
    .addOption(new Option("--batch-tokens <b>", "a fixed batch size in tokens, for steps under laws without a batch law (chinchilla, epoch)").argParser(positive("--batch-tokens")))
    .addOption(new Option("--overfit-tolerance <delta>", "overfitting penalty allowed by D_min").default(0.02).argParser(fraction("--overfit-tolerance")))
    .addOption(new Option("--gpus <n>", "number of accelerators, for wall-clock time").argParser(count("--gpus")))
    .addOption(new Option("--gpu <name>", `accelerator: ${ACCELERATORS.map((a) => a.id).join(", ")}`))
    .addOption(new Option("--peak-flops <flops-per-second>", "peak FLOP/s of one accelerator, instead of --gpu").argParser(positive("--peak-flops")))
    .addOption(new Option("--mfu <fraction>", "model FLOPs utilisation").default(0.4).argParser(fraction("--mfu")))
    .option("--json", "one JSON document on stdout (README, \"JSON output\")")
    .option("--plot <file.svg>", "also draw the frontier around the budget (N, D, B, S against C) as an SVG figure")
    .option("--ascii", "also draw N and D against C as a log-log chart in the terminal")
    .addHelpText(
      "after",
      `
Examples:
  scaling plan --compute 1e21
  scaling plan --compute 3.5pf-days --law chinchilla --gpus 64 --gpu h100
  scaling plan --compute 1e22 --compare
  scaling plan --target-loss 2.3
  scaling plan --params 1.3B --law epoch
  scaling plan --compute 1e23 --max-tokens 2e11 --law chinchilla
  scaling plan --compute 1e21 --law fit.json --json
  scaling plan --compute 1e22 --compare --plot frontier.svg
  scaling plan --compute 1e21 --ascii`,
    )
    .action(async (options, command) => {
      const goals: PlanGoal[] = [];
      if (options.compute !== undefined) goals.push({ kind: "compute", flops: options.compute });
      if (options.targetLoss !== undefined) goals.push({ kind: "target-loss", lossNats: options.targetLoss });
      if (options.params !== undefined) goals.push({ kind: "params", nParams: options.params });
      if (goals.length !== 1) {
        throw new ScalingError(
          "usage",
          goals.length === 0
            ? "plan needs one of --compute, --target-loss or --params (e.g. scaling plan --compute 1e21)"
            : "give only one of --compute, --target-loss and --params",
        );
      }
      if (options.maxTokens !== undefined && options.compute === undefined) {
        throw new ScalingError("usage", "--max-tokens goes with --compute (the data-constrained split of a budget)");
      }
      if (options.compare && command.getOptionValueSource("law") === "cli") {
        throw new ScalingError("usage", "--compare shows every preset (kaplan, chinchilla, epoch) side by side; it takes no --law (drop one of them)");
      }
      const planOptions: PlanOptions = {
        goal: goals[0]!,
        batchFactor: options.batchFactor,
        overfitTolerance: options.overfitTolerance,
        ...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}),
        ...(options.batchTokens !== undefined ? { batchTokens: options.batchTokens } : {}),
      };
      // --batch-tokens sets the batch of laws without a batch law; a Kaplan-family law refuses
      // it (plan.ts), so --compare gives it to the others and says so under kaplan's column.
      const batchIgnored = (set: LawSet): boolean => options.batchTokens !== undefined && lawFamily(set) === "kaplan";
      const optionsFor = (set: LawSet): PlanOptions => {
        if (!batchIgnored(set)) return planOptions;
        const { batchTokens: _ignored, ...rest } = planOptions;
        return rest;
      };
      const hardwareFor = (flops: number): PlanExtras["hardware"] => {
        if (options.gpus === undefined && options.gpu === undefined && options.peakFlops === undefined) return undefined;
        if (options.gpu !== undefined && options.peakFlops !== undefined) {
          throw new ScalingError("usage", "give --gpu or --peak-flops, not both");
        }
        let peak = options.peakFlops;
        let name = "accelerators";
        if (options.gpu !== undefined) {
          const accelerator = findAccelerator(options.gpu);
          if (accelerator === undefined) {
            throw new ScalingError("usage", `--gpu: unknown accelerator "${options.gpu}"; known: ${ACCELERATORS.map((a) => a.id).join(", ")} (or give --peak-flops)`);
          }
          peak = accelerator.peakFlopsPerSecond;
          name = accelerator.id;
        }
        if (peak === undefined) throw new ScalingError("usage", "--gpus needs --gpu NAME or --peak-flops F");
        return { ...trainingTime(flops, options.gpus ?? 1, peak, options.mfu), accelerator: name };
      };

      if (options.ascii && options.json) throw new ScalingError("usage", "--ascii draws on stdout; it cannot go with --json");
      // The --plot file is written before anything is printed, so a plot that cannot be
      // written (or would overwrite the --law file) fails the run with nothing on stdout;
      // the returned function draws the --ascii charts after the table.
      // The drawing code loads only when asked for: plain `plan` starts fast.
      const figures = async (sets: readonly LawSet[]): Promise<() => void> => {
        if (options.plot === undefined && !options.ascii) return () => {};
        const [{ renderPlanAscii }, { planCurve }, { renderPlanFigure }] = await Promise.all([
          import("../report/planAscii.js"),
          import("../report/planSamples.js"),
          import("../report/svg/planFigure.js"),
        ]);
        const curves = sets.map((set) => planCurve(set, options.compare ? optionsFor(set) : planOptions));
        if (options.plot !== undefined) writeOutputFile(options.plot, renderPlanFigure(curves), [options.law]);
        return () => {
          if (options.ascii) for (const curve of curves) context.stdout(`\n${renderPlanAscii(curve)}`);
        };
      };

      if (options.compare) {
        const plans = PRESETS.map((preset) => {
          const result = plan(preset, optionsFor(preset));
          if (!batchIgnored(preset)) return result;
          const note = `--batch-tokens does not apply: law "${preset.name}" trains at B = k x B_crit(L) (--batch-factor); its batch and steps are its own`;
          return { ...result, warnings: [...result.warnings, note] };
        });
        // The table has no hardware rows, but bad --gpu/--gpus flags are errors here too, as with --json.
        const hardware = plans.map((p) => hardwareFor(p.flops));
        const drawAscii = await figures(PRESETS);
        if (options.json) {
          context.stdout(json({ plans: plans.map((p, i) => planToJson(p, { hardware: hardware[i] })) }));
        } else {
          context.stdout(renderCompare(plans, planOptions.goal, context.color));
        }
        drawAscii();
        return;
      }
      const lawSet = resolveLawSet(options.law);
      const result = plan(lawSet, planOptions);
      const extras: PlanExtras = { hardware: hardwareFor(result.flops), ranges: rangesForLawFile(options.law, lawSet, planOptions) };
      const drawAscii = await figures([lawSet]);
      if (options.json) context.stdout(json(planToJson(result, extras)));
      else context.stdout(renderPlan(result, lawSet.source, context.color, extras));
      drawAscii();
    });
}
