/**
 * What was read, before anything is fitted: `scaling inspect` (table and JSON), the `input`
 * field of `fit --json`, and the one-line summary `fit` prints on stderr.
 */
import type { Colors } from "./colors.js";
import type { RunSummarySet } from "../io/runs.js";
import { formatSI, formatSig } from "../io/units.js";
import { renderPairs, renderTable } from "./table.js";

export interface InputJson {
  format: string;
  kind: string;
  rows: number;
  skipped: number;
  files: RunSummarySet["summary"]["files"];
  columns: Record<string, string>;
  derived: string[];
  /** Points kept a learning curve (--max-points), or null: every point. */
  maxPoints: number | null;
  runs: Array<{ id: string; file: string; params: number | null; batchTokens: number | null; points: number; finalLoss: number; bestLoss: number }>;
}

/** The `inspect --json` document (DESIGN.md), also `fit --json`'s `input`. */
export function inputToJson(set: RunSummarySet): InputJson {
  const { summary } = set;
  return {
    format: formatsOf(set),
    kind: summary.kind,
    rows: summary.rows,
    skipped: summary.skipped,
    files: summary.files,
    columns: summary.columns,
    derived: summary.derived,
    maxPoints: summary.maxPoints,
    runs: set.runs.map((run) => ({
      id: run.id,
      file: run.file,
      params: run.nParams,
      batchTokens: run.batchTokens,
      points: run.points,
      finalLoss: run.finalLoss,
      bestLoss: run.bestLoss,
    })),
  };
}

function formatsOf(set: RunSummarySet): string {
  return [...new Set(set.summary.files.map((file) => file.format))].join(", ");
}

function runsPhrase(set: RunSummarySet): string {
  const count = set.runs.length;
  if (set.summary.kind === "final") return `${count} final result${count === 1 ? "" : "s"}`;
  const points = set.runs.reduce((sum, run) => sum + run.points, 0);
  const thinned = set.summary.maxPoints !== null && points < set.summary.rows - set.summary.skipped;
  const kept = thinned ? `, at most ${set.summary.maxPoints} a curve, evenly in log-step; --max-points all keeps every point` : "";
  return `${count} learning curve${count === 1 ? "" : "s"} (${points} points${kept})`;
}

/**
 * One line for stderr: `read 720 rows from fixtures/curves.csv (csv): 12 learning curves
 * (720 points); loss <- loss, params <- params; derived: tokens = step x batchTokens`.
 */
export function summaryLine(set: RunSummarySet): string {
  const { summary } = set;
  const files = summary.files.length === 1 ? summary.files[0]!.file : `${summary.files.length} files`;
  const skipped = summary.skipped > 0 ? `, skipped ${summary.skipped} bad` : "";
  const columns = Object.entries(summary.columns).map(([field, column]) => `${field} <- ${column}`).join(", ");
  const derived = summary.derived.length > 0 ? `; derived: ${summary.derived.join(", ")}` : "";
  return `read ${summary.rows} rows${skipped} from ${files} (${formatsOf(set)}): ${runsPhrase(set)}; ${columns}${derived}`;
}

/** The `inspect` report: files, columns, derived fields, then a table of runs. */
export function renderInspect(set: RunSummarySet, color: Colors): string {
  const { summary } = set;
  const pairs: Array<[string, string]> = [
    ["files", summary.files.map((file) => `${file.file} (${file.format}, ${file.rows} row${file.rows === 1 ? "" : "s"}${file.skipped > 0 ? `, ${file.skipped} skipped` : ""})`).join("\n")],
    ["rows", `${summary.rows} read, ${summary.skipped} skipped`],
    ["runs", runsPhrase(set)],
    ["columns", Object.entries(summary.columns).map(([field, column]) => `${field} <- ${column}`).join("\n")],
  ];
  if (summary.derived.length > 0) pairs.push(["derived", summary.derived.join("\n")]);
  const maybe = (value: number | null): string => (value === null ? "-" : formatSI(value));
  const rows = set.runs.map((run) => [run.id, maybe(run.nParams), maybe(run.batchTokens), String(run.points), formatSig(run.finalLoss, 4), formatSig(run.bestLoss, 4)]);
  return `${color.bold("What was read")}\n${renderPairs(pairs)}\n\n${renderTable(["run", "params", "batch tokens", "points", "final loss", "best loss"], rows)}\n`;
}
