/**
 * Weights & Biases chart exports: a wide CSV of `Step` and `<run name> - <metric>` columns
 * (with `__MIN`/`__MAX` companions, ignored), one run per column group, blank where a run
 * logged nothing at that step.
 */
import { ScalingError } from "../errors.js";
import { F } from "./collector.js";
import { parseCell } from "./cells.js";
import { aliasesOf, normalizeName } from "./fields.js";
import type { FileContext } from "./fileContext.js";
import { baseValues, describe } from "./fileContext.js";
import type { RowHandler } from "./lineScanner.js";

const GROUP = /^(.+?) - (.+)$/;

/** `Step` and otherwise only `<run> - <metric>` columns (a wandb `_step` or `Wall time` column is allowed). */
export function isWandbHeader(header: readonly string[]): boolean {
  const other = header.filter((name) => !GROUP.test(name) && !["step", "walltime", "relativetime"].includes(normalizeName(name)));
  return other.length === 0 && header.some((name) => normalizeName(name) === "step") && header.some((name) => GROUP.test(name));
}

export function wandbRows(header: string[], line: number, context: FileContext): RowHandler {
  context.format = "wandb";
  const stepIndex = header.findIndex((name) => normalizeName(name) === "step");
  const wanted = context.options.columns?.loss;
  const metricRank = (metric: string): number => {
    if (wanted !== undefined) return normalizeName(metric) === normalizeName(wanted) ? 0 : -1;
    return aliasesOf("loss").findIndex((alias) => normalizeName(alias) === normalizeName(metric));
  };
  // Each run's best loss metric.
  const best = new Map<string, { index: number; rank: number; metric: string }>();
  header.forEach((name, index) => {
    const match = GROUP.exec(name);
    if (match === null || /__(MIN|MAX)$/.test(name)) return;
    const rank = metricRank(match[2]!);
    if (rank < 0) return;
    const current = best.get(match[1]!);
    if (current === undefined || rank < current.rank) best.set(match[1]!, { index, rank, metric: match[2]! });
  });
  if (best.size === 0) {
    throw new ScalingError("input", `no loss metric among the "<run> - <metric>" columns (looked for ${aliasesOf("loss").join(", ")}); name it with --col loss=METRIC`, { file: context.file, line });
  }
  const metrics = [...new Set([...best.values()].map((entry) => entry.metric))];
  describe(new Map([["step", header[stepIndex]!], ["loss", `<run> - ${metrics.join(" | ")}`], ["run", "<run> - ..."]]), context);
  const runs = [...best].map(([name, entry]) => ({ name, index: entry.index }));
  const base = baseValues(context.options);
  const values = new Float64Array(base.length);
  const { file, bad, collector } = context;
  return (fields, row, columns) => {
    if (fields.length !== header.length) {
      bad.add({ file, line: row, column: 1, message: `row has ${fields.length} fields, the header has ${header.length}; fix the row or pass --skip-bad-rows` });
      return;
    }
    const step = parseCell(fields[stepIndex]!, "step", header[stepIndex]!);
    if (typeof step === "string") return bad.add({ file, line: row, column: columns()[stepIndex]!, message: step });
    for (const run of runs) {
      const cell = fields[run.index]!;
      if (cell.trim() === "") continue;
      const loss = parseCell(cell, "loss", header[run.index]!);
      if (typeof loss === "string") return bad.add({ file, line: row, column: columns()[run.index]!, message: loss });
      values.set(base);
      values[F.step] = step;
      values[F.loss] = loss;
      collector.add(file, "column", run.name, values, row, bad);
    }
  };
}
