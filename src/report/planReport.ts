/** Rendering plans: the JSON contract (README, "JSON output") and the human tables. */
import type { Colors } from "./colors.js";
import {
  flopsToPfDays,
  formatFlops,
  formatLoss,
  formatParams,
  formatPfDays,
  formatSig,
  formatSteps,
  formatTokens,
} from "../io/units.js";
import type { TrainingTime } from "../plan/hardware.js";
import type { Plan, PlanGoal } from "../plan/plan.js";
import { planShape } from "../plan/plan.js";
import type { PlanRanges } from "../plan/ranges.js";
import { SHAPE_TOLERANCE, shapeParams, SMALLEST_SHAPE } from "../plan/shape.js";
import { renderTable } from "./table.js";

export interface PlanExtras {
  hardware?: (TrainingTime & { accelerator: string }) | undefined;
  /** 95% ranges over a fit file's bootstrap refits (plan/ranges.ts). */
  ranges?: PlanRanges | null | undefined;
}

/** `plan --json` (README, "JSON output"): stable field names, plain numbers, null where absent. */
export function planToJson(plan: Plan, extras: PlanExtras = {}): Record<string, unknown> {
  return {
    law: plan.law,
    flops: plan.flops,
    pfDays: plan.pfDays,
    params: plan.nParams,
    tokens: plan.nTokens,
    batchTokens: plan.batchTokens,
    steps: plan.steps,
    loss: plan.lossNats,
    minTokens: plan.minTokens,
    overfitTolerance: plan.overfitTolerance,
    // null where no shape comes within 5% of N (plan.ts planShape), never one that contradicts N.
    shape: planShape(plan),
    empirical:
      plan.empirical === null
        ? null
        : {
            params: plan.empirical.nParams,
            batchTokens: plan.empirical.batchTokens,
            steps: plan.empirical.minSteps,
            tokens: plan.empirical.nTokens,
          },
    tokensPerParam: plan.tokensPerParam,
    goal: plan.goal,
    minFlops: plan.frontier?.minFlops ?? null,
    minSteps: plan.frontier?.minSteps ?? null,
    criticalBatchTokens: plan.frontier?.criticalBatchTokens ?? null,
    dataCap: plan.dataCap,
    hardware: extras.hardware ?? null,
    warnings: plan.warnings,
    // Only for a fit file with bootstrap samples (plan/ranges.ts): 95% ranges of N, D, loss.
    ...(extras.ranges ? { ranges: { samples: extras.ranges.samples, params: extras.ranges.nParams, tokens: extras.ranges.nTokens, loss: extras.ranges.lossNats } } : {}),
  };
}

/** The shape row: a shape that matches N, or why there is none (never one that contradicts N). */
function shapeText(plan: Plan): string {
  const shape = planShape(plan);
  if (shape !== null) return `${shape.nLayer} layers x d_model ${shape.dModel}, ${shape.nHeads} heads`;
  return plan.nParams < shapeParams(SMALLEST_SHAPE)
    ? `none: N is below the smallest, 1 layer x d_model 64 (${shapeParams(SMALLEST_SHAPE)} params)`
    : `none within ${SHAPE_TOLERANCE * 100}% of N (d_model a multiple of 64)`;
}

function hardwareRows(extras: PlanExtras): string[][] {
  const hw = extras.hardware;
  if (hw === undefined) return [];
  return [
    [
      "wall clock",
      `${formatSig(hw.days)} days on ${hw.gpus} x ${hw.accelerator} at ${formatSig(hw.mfu * 100)}% MFU`,
    ],
    ["GPU-hours", formatSig(hw.gpuHours)],
  ];
}

/** The human report of one plan. */
export function renderPlan(plan: Plan, source: string, color: Colors, extras: PlanExtras = {}): string {
  const lines: string[] = [];
  const what =
    plan.goal === "compute"
      ? `a budget of ${formatFlops(plan.flops)} (${formatPfDays(plan.pfDays)})`
      : plan.goal === "target-loss"
        ? `a target loss of ${formatLoss(plan.lossNats)}`
        : `a model of ${formatParams(plan.nParams)}`;
  lines.push(color.bold(`Plan for ${what}, law ${plan.law}`));
  lines.push(color.dim(source));
  const batch = plan.batchTokens === null ? "-" : formatTokens(plan.batchTokens);
  const steps = plan.steps === null ? "-" : formatSteps(plan.steps);
  const minTokens =
    plan.minTokens === null
      ? "-"
      : `${formatTokens(plan.minTokens)} (overfitting within ${formatSig(plan.overfitTolerance * 100)}%)`;
  const rows: string[][] = [
    ["parameters N", formatParams(plan.nParams)],
    ["batch B", batch],
    ["steps S", steps],
    ["tokens D", formatTokens(plan.nTokens)],
    ["tokens per parameter", formatSig(plan.tokensPerParam)],
    ["compute C", `${formatFlops(plan.flops)} (${formatPfDays(plan.pfDays)})`],
    ["predicted loss", formatLoss(plan.lossNats)],
    ["minimum dataset D_min", minTokens],
    ["shape", shapeText(plan)],
    ...hardwareRows(extras),
  ];
  if (plan.empirical !== null) {
    const empirical = plan.empirical;
    const extra: Record<string, string> = {
      "parameters N": formatParams(empirical.nParams),
      "batch B": formatTokens(empirical.batchTokens),
      "steps S": `${formatSteps(empirical.minSteps)} (S_min)`,
      "tokens D":
        formatTokens(empirical.nTokens) +
        (plan.dataCap !== null && empirical.nTokens > plan.dataCap.maxTokens ? " (over the cap)" : ""),
    };
    lines.push(
      renderTable(
        ["", "derived (App. B.2)", "empirical (Table 6)"],
        rows.map((row) => [row[0]!, row[1]!, extra[row[0]!] ?? ""]),
        ["left", "right", "right"],
      ),
    );
    lines.push(
      color.dim(
        "Derived: the frontier of L(N,S_min) and B_crit(L). Empirical: the paper's fitted Table 6 at the same C_min; they differ by up to ~2x in N.",
      ),
    );
  } else {
    lines.push(renderTable(["", plan.law], rows, ["left", "right"]));
  }
  if (plan.frontier !== null && plan.batchTokens !== null) {
    lines.push(
      color.dim(
        `B = ${formatSig(plan.batchTokens / plan.frontier.criticalBatchTokens)} x B_crit(L); C_min = ${formatFlops(plan.frontier.minFlops)}, S_min = ${formatSteps(plan.frontier.minSteps)}.`,
      ),
    );
  }
  if (extras.ranges) {
    const r = extras.ranges;
    lines.push(
      `95% ranges over ${r.samples} bootstrap fits: N ${formatSig(r.nParams[0])}–${formatSig(r.nParams[1])}, D ${formatSig(r.nTokens[0])}–${formatSig(r.nTokens[1])} tokens, loss ${formatSig(r.lossNats[0], 4)}–${formatSig(r.lossNats[1], 4)} nats/token`,
    );
  }
  if (plan.dataCap !== null && !plan.dataCap.binding) {
    lines.push(color.dim(`The data cap of ${formatTokens(plan.dataCap.maxTokens)} does not bind.`));
  }
  for (const warning of plan.warnings) lines.push(color.yellow(`warning: ${warning}`));
  return `${lines.join("\n")}\n`;
}

/** The goal in words, for the side-by-side heading: "Plans for a model of 1.30B params". */
function compareHeading(goal: PlanGoal): string {
  if (goal.kind === "compute") return `Plans for ${formatFlops(goal.flops)} (${formatPfDays(flopsToPfDays(goal.flops))})`;
  if (goal.kind === "target-loss") return `Plans to reach a loss of ${formatLoss(goal.lossNats)}`;
  return `Plans for a model of ${formatParams(goal.nParams)}`;
}

/** `--compare`: the presets side by side for the same goal. */
export function renderCompare(plans: Plan[], goal: PlanGoal, color: Colors): string {
  const cell = (value: number | null, format: (x: number) => string): string => (value === null ? "-" : format(value));
  const rows: string[][] = [
    ["parameters N", ...plans.map((p) => formatParams(p.nParams))],
    ["tokens D", ...plans.map((p) => formatTokens(p.nTokens))],
    ["tokens per parameter", ...plans.map((p) => formatSig(p.tokensPerParam))],
    ["batch B", ...plans.map((p) => cell(p.batchTokens, formatTokens))],
    ["steps S", ...plans.map((p) => cell(p.steps, formatSteps))],
    ["compute C", ...plans.map((p) => formatFlops(p.flops))],
    ["predicted loss", ...plans.map((p) => formatLoss(p.lossNats))],
    ["minimum dataset D_min", ...plans.map((p) => cell(p.minTokens, formatTokens))],
    ["shape", ...plans.map((p) => planShape(p)).map((shape) => (shape === null ? "none" : `${shape.nLayer} x ${shape.dModel}`))],
  ];
  const lines = [
    color.bold(`${compareHeading(goal)}, side by side`),
    renderTable(["", ...plans.map((p) => p.law)], rows),
    color.dim(
      "Losses are not comparable across laws: Kaplan's are WebText2 nats with non-embedding N, Chinchilla's MassiveText nats with all parameters.",
    ),
  ];
  if (plans.some((p) => planShape(p) === null)) {
    lines.push(color.dim(`Shape none: no n_layer x d_model (d_model a multiple of 64) has 12 n_layer d_model^2 within ${SHAPE_TOLERANCE * 100}% of N.`));
  }
  for (const p of plans) for (const warning of p.warnings) lines.push(color.yellow(`warning (${p.law}): ${warning}`));
  return `${lines.join("\n")}\n`;
}
