/** Rendering plans: the JSON contract of DESIGN.md and the human tables. */
import type { Colors } from "./colors.js";
import {
  formatFlops,
  formatLoss,
  formatParams,
  formatPfDays,
  formatSig,
  formatSteps,
  formatTokens,
} from "../io/units.js";
import type { TrainingTime } from "../plan/hardware.js";
import type { Plan } from "../plan/plan.js";
import type { PlanRanges } from "../plan/ranges.js";
import { renderTable } from "./table.js";

export interface PlanExtras {
  hardware?: (TrainingTime & { accelerator: string }) | undefined;
  /** 95% ranges over a fit file's bootstrap refits (plan/ranges.ts). */
  ranges?: PlanRanges | null | undefined;
}

/** `plan --json` (DESIGN.md): stable field names, plain numbers, null where absent. */
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
    shape: plan.shape,
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

const shapeText = (plan: Plan): string =>
  `${plan.shape.nLayer} layers x d_model ${plan.shape.dModel}, ${plan.shape.nHeads} heads`;

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
      "tokens D": formatTokens(empirical.nTokens),
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

/** `--compare`: the presets side by side for the same goal. */
export function renderCompare(plans: Plan[], color: Colors): string {
  const first = plans[0]!;
  const heading =
    first.goal === "compute" ? `${formatFlops(first.flops)} (${formatPfDays(first.pfDays)})` : `goal ${first.goal}`;
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
    ["shape", ...plans.map((p) => `${p.shape.nLayer} x ${p.shape.dModel}`)],
  ];
  const lines = [
    color.bold(`Plans for ${heading}, side by side`),
    renderTable(["", ...plans.map((p) => p.law)], rows),
    color.dim(
      "Losses are not comparable across laws: Kaplan's are WebText2 nats with non-embedding N, Chinchilla's MassiveText nats with all parameters.",
    ),
  ];
  for (const p of plans) for (const warning of p.warnings) lines.push(color.yellow(`warning (${p.law}): ${warning}`));
  return `${lines.join("\n")}\n`;
}
