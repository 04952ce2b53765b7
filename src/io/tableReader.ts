/**
 * Rows of a CSV/TSV table (after the scanner) to the collector: the header picks the columns,
 * each row is checked cell by cell. A W&B export's header hands over to wandbReader.
 */
import { ScalingError } from "../errors.js";
import type { GroupMode } from "./collector.js";
import { F } from "./collector.js";
import { parseCell } from "./cells.js";
import type { Field } from "./fields.js";
import { matchColumns } from "./fields.js";
import type { FileContext } from "./fileContext.js";
import { FORBIDDEN_KEYS, baseValues, checkRequired, describe, setFields } from "./fileContext.js";
import type { RowHandler } from "./lineScanner.js";
import { isWandbHeader, wandbRows } from "./wandbReader.js";

/** A row handler for a delimited file; `headerLine()` is 0 until the header is read. */
export function tableRows(context: FileContext, want?: (indices: number[]) => void): RowHandler & { headerLine: () => number } {
  let rowHandler: RowHandler | null = null;
  let headerAt = 0;
  const handler = (fields: string[], line: number, columns: () => number[]): void => {
    if (rowHandler !== null) return rowHandler(fields, line, columns);
    headerAt = line;
    const header = fields.map((name) => name.trim());
    checkHeader(header, line, columns, context);
    rowHandler = isWandbHeader(header) ? wandbRows(header, line, context) : plainRows(header, line, context, want);
  };
  return Object.assign(handler, { headerLine: () => headerAt });
}

function checkHeader(header: string[], line: number, columns: () => number[], context: FileContext): void {
  const seen = new Map<string, number>();
  header.forEach((name, index) => {
    const at = { file: context.file, line, column: columns()[index]! };
    if (FORBIDDEN_KEYS.has(name)) {
      throw new ScalingError("input", `column name "${name}" is not allowed; rename the column`, at);
    }
    if (seen.has(name)) {
      throw new ScalingError("input", `duplicate column "${name}" (also column ${seen.get(name)! + 1}); rename one of them`, at);
    }
    seen.set(name, index);
  });
}

function plainRows(header: string[], line: number, context: FileContext, want?: (indices: number[]) => void): RowHandler {
  const matched = matchColumns(header, context.options.columns, context.file);
  const present = new Set<Field>([...matched.keys(), ...setFields(context.options)]);
  checkRequired(present, context, line);
  const mode: GroupMode = describe(new Map([...matched].map(([field, index]) => [field, header[index]!])), context);
  const runIndex = matched.get("run") ?? -1;
  want?.([...matched.values()]);
  const numeric = [...matched].filter(([field]) => field !== "run") as Array<[Exclude<Field, "run">, number]>;
  const slots = numeric.map(([field]) => F[field]);
  const indices = numeric.map(([, index]) => index);
  const fieldsOf = numeric.map(([field]) => field);
  const base = baseValues(context.options);
  const values = new Float64Array(base.length);
  const width = header.length;
  const { file, bad, collector } = context;
  return (fields, row, columns) => {
    if (fields.length !== width) {
      bad.add({ file, line: row, column: 1, message: `row has ${fields.length} fields, the header has ${width}; fix the row or pass --skip-bad-rows` });
      return;
    }
    values.set(base);
    for (let k = 0; k < slots.length; k++) {
      const index = indices[k]!;
      const parsed = parseCell(fields[index]!, fieldsOf[k]!, header[index]!);
      if (typeof parsed === "string") {
        bad.add({ file, line: row, column: columns()[index]!, message: parsed });
        return;
      }
      values[slots[k]!] = parsed;
    }
    let name: string | null = null;
    if (runIndex >= 0) {
      name = fields[runIndex]!.trim();
      if (name === "") {
        bad.add({ file, line: row, column: columns()[runIndex]!, message: `${header[runIndex]} is empty; fix the row or pass --skip-bad-rows` });
        return;
      }
    }
    collector.add(file, mode, name, values, row, bad);
  };
}
