/**
 * The flags every command that reads run logs shares (`inspect`, `fit`): --col, --set,
 * --context, --loss-unit, --skip-bad-rows, --every, --max-points, and the progress bar.
 */
import type { Command, OptionValues } from "@commander-js/extra-typings";
import { Option } from "@commander-js/extra-typings";
import { ScalingError } from "../errors.js";
import { fieldNamed } from "../io/fields.js";
import type { ReadOptions } from "../io/readOptions.js";
import { formatSig, parsePositive, parseQuantity } from "../io/units.js";
import type { CliContext } from "./context.js";
import { count, positive } from "./options.js";

/** The parsed flags, as commander hands them to the action. */
export interface ReadFlags {
  col?: string[];
  set?: string[];
  context?: number;
  lossUnit?: string;
  skipBadRows?: boolean;
  every?: number;
  /** Infinity for `all`. */
  maxPoints?: number;
}

/** What a command keeps of each learning curve when --max-points is not given (fit: a bounded number). */
export interface ReadDefaults {
  maxPoints?: number;
}

/** Inputs smaller than this get no progress bar. */
export const PROGRESS_MIN_BYTES = 4 * 1024 * 1024;

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** Add the shared reading flags to a command. */
export function addReadOptions<Args extends unknown[], Opts extends OptionValues, Global extends OptionValues>(
  command: Command<Args, Opts, Global>,
  defaults: ReadDefaults = {},
): Command<Args, Opts & ReadFlags, Global> {
  const maxPoints =
    defaults.maxPoints === undefined
      ? "keep at most n points a curve, evenly in log-step (all: every point, the default)"
      : `keep at most n points a curve, evenly in log-step (default ${defaults.maxPoints}; all: every point)`;
  command
    .addOption(new Option("--col <field=column>", "take a field from a column: --col loss=val/loss (repeatable)").argParser(collect))
    .addOption(new Option("--set <field=value>", "a constant the file lacks: --set params=1.2e8, --set batch_tokens=0.5M (repeatable)").argParser(collect))
    .addOption(new Option("--context <tokens>", "tokens per sequence, when the batch size is in sequences").argParser(positive("--context")))
    .addOption(new Option("--loss-unit <unit>", "unit of the loss in the files").choices(["nats", "bits"]).default("nats"))
    .option("--skip-bad-rows", "drop bad rows (with a count) instead of failing")
    .addOption(new Option("--every <k>", "keep every k-th point of each learning curve").argParser(count("--every")))
    .addOption(new Option("--max-points <n>", maxPoints).argParser(countOrAll("--max-points")));
  return command as unknown as Command<Args, Opts & ReadFlags, Global>;
}

/** A whole number of at least 1, or `all` (Infinity). */
function countOrAll(flag: string): (value: string) => number {
  const parse = count(flag);
  return (value) => (value.trim().toLowerCase() === "all" ? Infinity : parse(value));
}

/** `field=value` pairs to a prototype-free record, fields checked. */
function pairs(values: string[] | undefined, flag: string): Array<[string, string]> {
  return (values ?? []).map((text) => {
    const at = text.indexOf("=");
    if (at <= 0 || at === text.length - 1) throw new ScalingError("usage", `${flag}: "${text}" should be FIELD=${flag === "--col" ? "COLUMN" : "VALUE"} (e.g. ${flag === "--col" ? "--col loss=val/loss" : "--set params=1.2e8"})`);
    const name = text.slice(0, at).trim();
    fieldNamed(name, flag);
    return [name, text.slice(at + 1).trim()];
  });
}

/** The flags as ReadOptions for readRuns (`-` reads `stdin`), with a progress bar on a terminal's stderr. */
export function toReadOptions(flags: ReadFlags, context: CliContext, stdin?: NodeJS.ReadableStream, defaults: ReadDefaults = {}): ReadOptions {
  const columns: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [field, column] of pairs(flags.col, "--col")) columns[field] = column;
  const set: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const [field, value] of pairs(flags.set, "--set")) {
    const kind = fieldNamed(field, "--set");
    if (kind === "run") throw new ScalingError("usage", "--set run=...: a run name cannot be set; runs are named by their column, file or size");
    set[field] = kind === "step" || kind === "tokens" ? parseQuantity(value, `--set ${field}`) : parsePositive(value, `--set ${field}`);
  }
  const options: ReadOptions = { columns, set, lossUnit: flags.lossUnit === "bits" ? "bits" : "nats", skipBadRows: flags.skipBadRows === true };
  if (context.env.SCALING_NATIVE === "0") options.native = false;
  if (flags.context !== undefined) options.contextTokens = flags.context;
  if (flags.every !== undefined) options.every = flags.every;
  const maxPoints = flags.maxPoints ?? defaults.maxPoints;
  if (maxPoints !== undefined && Number.isFinite(maxPoints)) options.maxPoints = maxPoints;
  // process.stdin is opened only when a path is `-` (touching it can hold a terminal open).
  Object.defineProperty(options, "stdin", { get: () => stdin ?? process.stdin, enumerable: true });
  if (context.stderrIsTTY) options.onProgress = progressBar(context);
  return options;
}

/** A one-line bar redrawn when the percentage changes (per chunk, never per row), cleared at the end. */
export function progressBar(context: CliContext, width = 30): (bytesRead: number, totalBytes: number) => void {
  let shown = -1;
  return (bytesRead, totalBytes) => {
    if (totalBytes < PROGRESS_MIN_BYTES) return;
    const percent = Math.min(100, Math.floor((100 * bytesRead) / totalBytes));
    if (percent === shown) return;
    shown = percent;
    if (percent >= 100) return context.stderr("\r\u001b[2K");
    const filled = Math.round((width * percent) / 100);
    context.stderr(`\rreading [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${percent}% of ${formatSig(totalBytes / 1e6)} MB`);
  };
}
