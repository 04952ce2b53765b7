/**
 * Proposal and config files read into located records: every value keeps the line and
 * column it was written at, so a bad value and a failed check can point at it. JSON and
 * YAML go through `yaml`'s parseDocument (JSON is YAML 1.2 and keeps its node ranges);
 * Python configs (nanoGPT's `config/train_*.py`) are read as `name = number` lines.
 */
import type { Node } from "yaml";
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { ScalingError } from "../errors.js";

export interface Located {
  value: unknown;
  /** Where the value is written (the key's position when it has none). */
  line: number;
  column: number;
  /** Where the key is written. */
  keyLine: number;
  keyColumn: number;
}

/**
 * What a record is, which decides whether keys check does not know are errors:
 * - `proposal`: an item of a list or of `proposals:`, or a file with a `scaling:` section;
 *   every key must be a proposal field;
 * - `config`: a Python training config, whose other assignments are expected;
 * - `object`: a file that is one object: a proposal, or a JSON/YAML training config
 *   (told apart by its keys in proposalFields.ts).
 */
export type RecordKind = "proposal" | "config" | "object";

/** One object of the file, nested keys flattened with dots (`model.d_model`). */
export interface LocatedRecord {
  line: number;
  kind: RecordKind;
  fields: Map<string, Located>;
}

export interface SourceTree {
  /** The objects that are proposals (a list, `proposals:`, or the file itself). */
  records: LocatedRecord[];
  /** The `scaling:` section, where there is one. */
  settings: LocatedRecord | undefined;
}

/**
 * Longest line a proposal or config file may have. yaml's parser takes time quadratic in the
 * errors on one line (a line of 100k quotes: 18 s; of 1M: minutes; fuzz seed 2033); real
 * proposal files have short lines.
 */
export const MAX_PROPOSAL_LINE_CHARS = 65_536;

export function readSourceTree(text: string, file: string): SourceTree {
  checkLineLengths(text, file);
  if (/\.py$/i.test(file)) return { records: [readPythonAssignments(text)], settings: undefined };
  if (/\.json$/i.test(file)) validateJson(text, file);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  const error = document.errors[0];
  if (error !== undefined) {
    const [position] = error.linePos ?? [];
    const reason =
      error.code === "MULTIPLE_DOCS"
        ? "several YAML documents (---); put the proposals in one list"
        : error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    throw new ScalingError("input", `not valid YAML or JSON: ${reason}`, {
      file,
      ...(position ? { line: position.line, column: position.col } : {}),
    });
  }
  const where = (node: Node | null | undefined): { line: number; column: number } => {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const toRecord = (node: unknown, kind: RecordKind): LocatedRecord => {
    if (!isMap(node)) {
      const at = where(node as Node);
      throw new ScalingError("input", "a proposal must be an object (params, tokens, ...)", { file, ...at });
    }
    const fields = new Map<string, Located>();
    const walk = (map: typeof node, prefix: string): void => {
      for (const pair of map.items) {
        const key = keyName(pair.key);
        const value = pair.value as Node | null;
        if (isMap(value)) walk(value, `${prefix}${key}.`);
        else {
          const { line: keyLine, column: keyColumn } = where(pair.key as Node);
          const located = { value: isScalar(value) ? value.value : value?.toJSON(), ...where(value ?? (pair.key as Node)) };
          fields.set(`${prefix}${key}`, { ...located, keyLine, keyColumn });
        }
      }
    };
    walk(node, "");
    return { line: where(node).line, kind, fields };
  };
  const root = document.contents;
  if (isSeq(root)) return { records: root.items.map((item) => toRecord(item, "proposal")), settings: undefined };
  if (!isMap(root)) {
    throw new ScalingError("input", "expected a proposal object or a list of them", { file, ...where(root) });
  }
  const settingsNode = root.get("scaling", true);
  const settings = settingsNode === undefined ? undefined : toRecord(settingsNode, "proposal");
  const list = root.get("proposals", true);
  if (list !== undefined) {
    if (!isSeq(list)) throw new ScalingError("input", "proposals must be a list", { file, ...where(list as Node) });
    // Beside `proposals:`, a key is a misplaced setting or a typo, not something to ignore.
    for (const pair of root.items) {
      const key = keyName(pair.key);
      if (key !== "scaling" && key !== "proposals") {
        throw new ScalingError("input", `${key} is not a section of a proposal file; known: scaling, proposals`, { file, ...where(pair.key as Node) });
      }
    }
    return { records: list.items.map((item) => toRecord(item, "proposal")), settings };
  }
  const record = toRecord(root, settings === undefined ? "object" : "proposal");
  for (const key of [...record.fields.keys()]) if (key.startsWith("scaling.")) record.fields.delete(key);
  // The file is the proposal: point at its first field, not at a `scaling:` section above it.
  const lines = [...record.fields.values()].map((field) => field.line);
  return { records: [{ ...record, line: lines.length > 0 ? Math.min(...lines) : record.line }], settings };
}

/** A map key as written: `params`, `1`, `null`. */
function keyName(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

/** JSON.parse first, for JSON's own error messages, placed at their line and column. */
function validateJson(text: string, file: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const reason = message.replace(/ in JSON at position \d+.*$/, "");
    if (position === null) throw new ScalingError("input", `not valid JSON: ${reason}`, { file });
    const before = text.slice(0, Number(position[1]));
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    throw new ScalingError("input", `not valid JSON: ${reason}`, { file, line, column });
  }
}

/**
 * `name = value` lines of a Python config: numbers, products of numbers (`5 * 8`) and quoted
 * strings; anything else (imports, expressions, booleans) is left out.
 */
function readPythonAssignments(text: string): LocatedRecord {
  const fields = new Map<string, Located>();
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /^([A-Za-z_]\w*)\s*=\s*([^#]*?)\s*(?:#.*)?$/.exec(line);
    if (match === null) return;
    const [, name, expression] = match as unknown as [string, string, string];
    const column = line.indexOf(expression, name.length) + 1;
    const quoted = /^(['"])(.*)\1$/.exec(expression);
    let value: unknown;
    if (quoted !== null) value = quoted[2];
    else if (/^[\d_.eE+\-\s*]+$/.test(expression) && expression.trim() !== "") {
      value = expression.split("*").reduce((product, part) => product * Number(part.replace(/_/g, "").trim()), 1);
      if (!Number.isFinite(value as number)) return;
    } else return;
    fields.set(name, { value, line: index + 1, column, keyLine: index + 1, keyColumn: 1 });
  });
  // No object to point at: the proposal's line is its first field's (see recordToProposal).
  return { line: 0, kind: "config", fields };
}

/** @throws ScalingError("input") at the first line longer than MAX_PROPOSAL_LINE_CHARS */
function checkLineLengths(text: string, file: string): void {
  let start = 0;
  for (let line = 1; start <= text.length; line++) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    if (end - start > MAX_PROPOSAL_LINE_CHARS) {
      throw new ScalingError(
        "input",
        `line of ${end - start} characters (at most ${MAX_PROPOSAL_LINE_CHARS} in a proposal or config file); break the line, or check this is the proposal file`,
        { file, line },
      );
    }
    start = end + 1;
  }
}
