/**
 * Rows of a CSV/TSV table (after the scanner) to the collector: the header picks the columns,
 * each row is checked cell by cell. A W&B export's header hands over to wandbReader.
 */
import { ScalingError } from "../errors.js";
import type { GroupMode } from "./collector.js";
import { F } from "./collector.js";
import { RUN, SKIP } from "./byteRows.js";
import { parseCell } from "./cells.js";
import type { Field } from "./fields.js";
import { POSITIVE_FIELDS, matchColumns } from "./fields.js";
import type { FileContext } from "./fileContext.js";
import { FORBIDDEN_KEYS, baseValues, checkRequired, describe, setFields } from "./fileContext.js";
import type { RowHandler } from "./lineScanner.js";
import { isWandbHeader, wandbRows } from "./wandbReader.js";

/**
 * How a plain table's rows are read, for a reader that reads them itself from bytes
 * (tableBytes.ts) and hands only the rows it cannot read to this module's handler.
 */
export interface TablePlan {
  /** Fields a row must have. */
  width: number;
  /** Each column's role (byteRows.ts): F slot of a numeric field, RUN, or SKIP. */
  roles: Int8Array;
  /** Each column: 1 when its field must be > 0 (else >= 0). */
  positive: Uint8Array;
  /** Row values before the row's cells are read (--set fields, NaN elsewhere). */
  base: Float64Array;
  mode: GroupMode;
}

/** The row handler of a delimited file, with what a byte-level reader needs. */
export interface TableHandler extends RowHandler {
  /** Line of the header, 0 until it is read. */
  headerLine(): number;
  /** The plan of a plain table once its header is read; null before, and for a W&B export. */
  plan(): TablePlan | null;
}

/** A row handler for a delimited file; `headerLine()` is 0 until the header is read. */
export function tableRows(context: FileContext, want?: (indices: number[]) => void): TableHandler {
  let rowHandler: RowHandler | null = null;
  let plan: TablePlan | null = null;
  let headerAt = 0;
  const handler = (fields: string[], line: number, columns: () => number[]): void => {
    if (rowHandler !== null) return rowHandler(fields, line, columns);
    headerAt = line;
    const header = fields.map((name) => name.trim());
    checkHeader(header, line, columns, context);
    if (isWandbHeader(header)) {
      rowHandler = wandbRows(header, line, context);
    } else {
      const plain = plainRows(header, line, context, want);
      rowHandler = plain.handler;
      plan = plain.plan;
    }
  };
  return Object.assign(handler, { headerLine: () => headerAt, plan: () => plan });
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

function plainRows(header: string[], line: number, context: FileContext, want?: (indices: number[]) => void): { handler: RowHandler; plan: TablePlan } {
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
  const roles = new Int8Array(width).fill(SKIP);
  const positive = new Uint8Array(width);
  numeric.forEach(([field, index]) => {
    roles[index] = F[field];
    positive[index] = POSITIVE_FIELDS.has(field) ? 1 : 0;
  });
  if (runIndex >= 0) roles[runIndex] = RUN;
  const plan: TablePlan = { width, roles, positive, base, mode };
  const handler: RowHandler = (fields, row, columns) => {
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
  return { handler, plan };
}
