/**
 * JSON inputs: JSONL (one object a line, streamed), a JSON array of row objects, and Hugging
 * Face Trainer's trainer_state.json (`log_history`, one run per file).
 */
import { ScalingError } from "../errors.js";
import type { FileContext } from "./fileContext.js";
import { JsonlBytes } from "./jsonlBytes.js";
import type { ObjectRowHandler } from "./objectRows.js";
import { objectRows } from "./objectRows.js";

/** A reader of JSONL blocks: each non-blank line one object, flat ones read from bytes (jsonlBytes.ts). */
export function jsonlReader(context: FileContext): JsonlBytes {
  const handle = objectRows(context);
  return new JsonlBytes(context, handle, (text, line) => jsonlLine(text, line, handle, context));
}

/** One JSONL line (without its newline) through JSON.parse; blank and `#` lines are skipped. */
export function jsonlLine(text: string, line: number, handle: ObjectRowHandler, context: FileContext): void {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed.startsWith("#")) return;
  let row: unknown;
  try {
    row = JSON.parse(trimmed);
  } catch (error) {
    const { reason, position } = jsonProblem(error);
    const column = position !== undefined ? position + 1 + (text.length - text.trimStart().length) : 1;
    context.bad.add({ file: context.file, line, column, message: `invalid JSON (${reason}); fix the line or pass --skip-bad-rows` });
    return;
  }
  handle(row, line, `line ${line}`);
}

/** A JSON document: an array of row objects, or a trainer_state.json object. */
export function readJsonDocument(text: string, context: FileContext): void {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const { reason, position } = jsonProblem(error);
    const location = position !== undefined ? lineColumn(text, position) : {};
    throw new ScalingError("input", `invalid JSON (${reason}); fix the file`, { file: context.file, ...location });
  }
  if (Array.isArray(document)) {
    const handle = objectRows(context);
    const lines = elementLines(text);
    document.forEach((row, index) => handle(row, lines[index], `entry ${index + 1}`));
    return;
  }
  const history = typeof document === "object" && document !== null ? (document as { log_history?: unknown }).log_history : undefined;
  if (!Object.prototype.hasOwnProperty.call(document ?? {}, "log_history") || !Array.isArray(history)) {
    throw new ScalingError("input", "a JSON object without log_history: give a JSON array of rows, JSONL, or a Trainer trainer_state.json", { file: context.file, line: 1, column: 1 });
  }
  readTrainerState(history, context);
}

/** trainer_state.json: `log_history` entries with `step` and `eval_loss` (preferred) or `loss`. */
function readTrainerState(history: unknown[], context: FileContext): void {
  context.format = "trainer-state";
  const has = (entry: unknown, key: string): boolean => typeof entry === "object" && entry !== null && Object.prototype.hasOwnProperty.call(entry, key);
  const lossKey = context.options.columns?.loss ?? (history.some((entry) => has(entry, "eval_loss")) ? "eval_loss" : "loss");
  const options = { ...context.options, columns: { ...context.options.columns, loss: lossKey } };
  const handle = objectRows({ ...context, options });
  let used = 0;
  history.forEach((entry, index) => {
    if (!has(entry, lossKey)) return;
    used++;
    // Only the keys the fit needs: an entry also carries learning_rate, grad_norm, epoch, ...
    const record = entry as Record<string, unknown>;
    const row: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const key of ["step", lossKey, "num_input_tokens_seen"]) if (has(record, key)) row[key] = record[key];
    handle(row, undefined, `log_history entry ${index + 1}`);
  });
  if (used === 0) {
    throw new ScalingError("input", `log_history has no entry with "${lossKey}"; name the loss key with --col loss=KEY`, { file: context.file });
  }
}

/** JSON.parse's message without the echoed text, and the offset when it names one. */
function jsonProblem(error: unknown): { reason: string; position: number | undefined } {
  const detail = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(detail);
  const reason = detail.replace(/ (in JSON )?at position \d+.*$/s, "").replace(/, (\.\.\.)?".*$/s, "");
  return { reason, position: position !== null ? Number(position[1]) : undefined };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** Line on which each top-level element of a JSON array starts (a light scan over strings and nesting). */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expecting = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\n") line++;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 1 && expecting && c !== " " && c !== "\n" && c !== "\r" && c !== "\t" && c !== "]") {
      lines.push(line);
      expecting = false;
    }
    if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      depth++;
      if (depth === 1) expecting = true;
    } else if (c === "]" || c === "}") depth--;
    else if (c === "," && depth === 1) expecting = true;
  }
  return lines;
}
