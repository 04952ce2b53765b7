/**
 * The byte-level readers (tableBytes.ts, jsonlBytes.ts) against the string path they replace
 * for speed: on random files mixing plain rows with every case the fast path hands back
 * (quotes, CRLF, BOM, comments, blank lines, SI suffixes, empty cells, bad numbers, non-ASCII
 * names, wrong field counts, escapes, nested values, repeated keys), split into chunks at random
 * places, the collector gets the same rows (names, values, lines) in the same order, the same
 * bad rows at the same line and column, and the same error is thrown.
 */
import { Readable } from "node:stream";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { BadRows } from "../../src/io/badRows.js";
import type { BadRow } from "../../src/io/badRows.js";
import { ByteLines } from "../../src/io/byteLines.js";
import { type Collector, FIELD_COUNT } from "../../src/io/collector.js";
import type { FileContext } from "../../src/io/fileContext.js";
import { jsonlLine, jsonlReader } from "../../src/io/jsonReaders.js";
import { LineScanner } from "../../src/io/lineScanner.js";
import { nativeReader } from "../../src/io/native.js";
import { objectRows } from "../../src/io/objectRows.js";
import type { ReadOptions } from "../../src/io/readOptions.js";
import { openSource } from "../../src/io/sources.js";
import { TableBytes } from "../../src/io/tableBytes.js";
import { tableRows } from "../../src/io/tableReader.js";

const options = { seed: 7_2025, numRuns: 300 };

/** Rows handed over by a native scan (addRow and againRows), to show the properties reached it. */
let nativeRows = 0;
/** ReadOptions.native for the byte readers of the describe block running. */
let withNative = true;

interface Added {
  mode: string;
  name: string | null;
  values: number[];
  line: number;
}

interface Outcome {
  added: Added[];
  bad: BadRow[];
  error: string | null;
  columns: Record<string, string>;
}

/** A context whose collector and bad rows record everything they are given. */
function recording(given: ReadOptions = {}): { context: FileContext; outcome: Outcome } {
  const readOptions: ReadOptions = { ...given, native: withNative };
  const outcome: Outcome = { added: [], bad: [], error: null, columns: {} };
  // add for the readers' own fast paths, addRow and againRows for the native scan's rows (byteRows.ts).
  const collector = {
    rows: 0,
    lossScale: 1,
    // Rows of a segment go through againRows, so that each is recorded.
    againSummary: (): boolean => false,
    add(_file: string, mode: string, name: string | null, values: Float64Array, line: number, _bad: BadRows, at = 0): boolean {
      outcome.added.push({ mode, name, values: [...values.subarray(at, at + FIELD_COUNT)], line });
      this.rows++;
      return true;
    },
    addRow(file: string, mode: string, name: string | null, values: Float64Array, line: number, bad: BadRows, at = 0): object {
      nativeRows++;
      this.add(file, mode, name, values, line, bad, at);
      return {};
    },
    againRows(values: Float64Array, from: number, to: number): void {
      for (let row = from; row < to; row++) {
        nativeRows++;
        const last = outcome.added.at(-1)!;
        this.add("", last.mode, last.name, values, last.line + 1, context.bad, row * FIELD_COUNT);
      }
    },
  };
  class AllBadRows extends BadRows {
    override add(problem: BadRow): void {
      outcome.bad.push(problem);
      super.add(problem);
    }
  }
  const context: FileContext = { file: "f", options: readOptions, collector: collector as unknown as Collector, bad: new AllBadRows(), format: "csv", columns: new Map(), derived: new Set() };
  return { context, outcome };
}

async function run(outcome: Outcome, context: FileContext, body: () => Promise<void> | void): Promise<Outcome> {
  try {
    await body();
  } catch (error) {
    outcome.error = String(error) + JSON.stringify((error as { location?: unknown }).location ?? null);
  }
  outcome.columns = Object.fromEntries(context.columns);
  return outcome;
}

/** The string path: the whole text (BOM removed) through the string scanner and tableRows. */
function tableByStrings(text: string, delimiter: "," | "\t", readOptions?: ReadOptions): Promise<Outcome> {
  const { context, outcome } = recording(readOptions);
  return run(outcome, context, () => {
    let scanner: LineScanner | null = null;
    const handler = tableRows(context, (indices) => scanner?.want(indices));
    scanner = new LineScanner(delimiter, handler, "f");
    scanner.push(text.replace(/^\uFEFF/, ""));
    scanner.end();
  });
}

/** The bytes, delivered in these chunks, through ByteLines (a `blockBytes` buffer) and a byte reader. */
async function blocks(chunks: Buffer[], blockBytes: number, reader: { block: (b: NonNullable<Awaited<ReturnType<ByteLines["next"]>>>) => void; readonly lines: number }): Promise<void> {
  const lines = new ByteLines(openSource("-", Readable.from(chunks), () => {}, "f"), () => new Error(`too long at ${reader.lines + 1}`), blockBytes);
  await lines.head();
  for (let block = await lines.next(); block !== null; block = await lines.next()) reader.block(block);
}

function tableByBytes(chunks: Buffer[], delimiter: "," | "\t", blockBytes: number, readOptions?: ReadOptions): Promise<Outcome> {
  const { context, outcome } = recording(readOptions);
  return run(outcome, context, async () => {
    const reader = new TableBytes(context, delimiter);
    await blocks(chunks, blockBytes, reader);
    reader.end();
  });
}

function jsonlByStrings(text: string, readOptions?: ReadOptions): Promise<Outcome> {
  const { context, outcome } = recording(readOptions);
  return run(outcome, context, () => {
    const handle = objectRows(context);
    const lines = text.replace(/^\uFEFF/, "").split("\n");
    if (lines.at(-1) === "") lines.pop();
    lines.forEach((line, index) => jsonlLine(line, index + 1, handle, context));
  });
}

function jsonlByBytes(chunks: Buffer[], blockBytes: number, readOptions?: ReadOptions): Promise<Outcome> {
  const { context, outcome } = recording(readOptions);
  return run(outcome, context, () => blocks(chunks, blockBytes, jsonlReader(context)));
}

/** The bytes cut at these points. */
function cut(bytes: Buffer, points: number[]): Buffer[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const p of [...at, bytes.length]) {
    if (p > from) chunks.push(bytes.subarray(from, p));
    from = p;
  }
  return chunks;
}

const plainNumber = fc.oneof(
  fc.integer({ min: 1, max: 10_000_000 }).map(String),
  fc.double({ min: 1e-3, max: 1e12, noNaN: true }).map((x) => String(x)),
  fc.double({ min: 0.5, max: 50, noNaN: true }).map((x) => x.toFixed(5)),
  fc.constantFrom("3e8", "1.5E+09", ".5", "5.", "+3", "0007", "12345678901234567890", "1e-30", "0"),
);
/** A numeric cell: mostly plain, sometimes one the fast path hands back or an error. */
const numberCell = fc.oneof(
  { weight: 12, arbitrary: plainNumber },
  { weight: 1, arbitrary: fc.constantFrom("125M", "1.3B", " 3 ", "", " ", "-1", "nan", "inf", "1e400", "0x10", "3 4", "1,5", '"7"', "\"8\"x", "\u00a09") },
);
const nameCell = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom("a", "a", "b", "run-1", "n3.16e+6_b65536_s0", "x y", '"a"', '"b"') },
  { weight: 1, arbitrary: fc.constantFrom(" a ", "", "  ", "rün", '"q,r"', '"q\tr"', '"multi\nline"', "#c", "a\tb", "é", '" a "', '""', '"a""b"', '"a"x', 'a"b', '"#a"', '"rün"') },
);
const noteCell = fc.constantFrom("", "x", "0.0003", "ü", "a b", '"n"', "1e5", '"a, b"', '"ü"', '""', '"x""y"', '"x"y', '"m\nn"');

const csvText = fc
  .record({
    bom: fc.boolean(),
    crlf: fc.boolean(),
    tsv: fc.boolean(),
    preamble: fc.constantFrom("", "# made by a script\n", "\n", "#x,y\n\n"),
    header: fc.constantFrom("run,params,step,loss", "run,params,step,loss,note", "params,step,val_loss", "name,N,tokens,loss", "run,step,loss", "step,run,loss,tokens", "note,run,params,step,loss", "run", "loss", "note", "note,x"),
    rows: fc.array(
      fc.oneof(
        { weight: 20, arbitrary: fc.tuple(nameCell, numberCell, numberCell, numberCell, noteCell, fc.constantFrom(0, 0, 0, 0, 1, -1)) },
        { weight: 1, arbitrary: fc.constantFrom("", "# comment, with \"quote", "  ", "\t") },
      ),
      { maxLength: 40 },
    ),
    lastNewline: fc.boolean(),
  })
  .map(({ bom, crlf, tsv, preamble, header, rows, lastNewline }) => {
    const delimiter = tsv ? "\t" : ",";
    const columns = header.split(",");
    const lines = rows.map((row) => {
      if (typeof row === "string") return row;
      const [name, a, b, c, note, extra] = row;
      const cells = columns.map((column, k) => (column === "run" || column === "name" ? name : column === "note" ? note : [a, b, c][k % 3]!));
      if (extra > 0) cells.push("1");
      if (extra < 0) cells.pop();
      return cells.join(delimiter);
    });
    const eol = crlf ? "\r\n" : "\n";
    const body = [preamble + columns.join(delimiter), ...lines].join(eol);
    return { text: (bom ? "\uFEFF" : "") + body + (lastNewline ? eol : ""), delimiter: delimiter as "," | "\t" };
  });

const jsonValue = fc.oneof(
  { weight: 10, arbitrary: fc.oneof(fc.integer({ min: 1, max: 1e7 }).map(String), fc.double({ min: 1e-3, max: 1e12, noNaN: true }).map(String), fc.constant("37.61258")) },
  { weight: 1, arbitrary: fc.constantFrom("null", "true", "false", '"125M"', '"3.5"', "[1,2]", '{"a":1}', "-1", "0", "1e400", "01", "+1", ".5", '"a\\"b"', "1.", "-0") },
);
const jsonName = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('"a"', '"b"', '"run-1"', '""') }, { weight: 1, arbitrary: fc.constantFrom("7", '"rün"', '"a\\nb"', "null", '"x\u007fy"') });
const jsonKeys = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(["run", "params", "step", "loss"], ["run", "params", "step", "loss", "lr"], ["params", "step", "loss"], ["loss", "step", "run", "params"]) },
  { weight: 1, arbitrary: fc.constantFrom(["run", "step"], ["run", "params", "step", "loss", "run"], ["run", "step", "1", "loss"], ["run", "__proto__", "step", "loss"], ["run", "val/loss", "step", "loss"], ["r\\u0075n", "step", "loss"], ["é", "run", "step", "loss"]) },
);
const jsonlText = fc
  .record({
    bom: fc.boolean(),
    crlf: fc.boolean(),
    lines: fc.array(
      fc.oneof(
        { weight: 20, arbitrary: fc.tuple(jsonKeys, jsonName, fc.array(jsonValue, { minLength: 5, maxLength: 5 }), fc.constantFrom("", " ", "\t")) },
        { weight: 1, arbitrary: fc.constantFrom("", "# comment", "  ", "[1]", "{", '{"run":"a","step":1,"loss":2} x', "{}", '  {"run":"a","step":1,"loss":2}  ', "3") },
      ),
      { maxLength: 40 },
    ),
    lastNewline: fc.boolean(),
  })
  .map(({ bom, crlf, lines, lastNewline }) => {
    const text = lines
      .map((line) => {
        if (typeof line === "string") return line;
        const [keys, name, values, space] = line;
        return `{${keys.map((key, k) => `"${key}":${space}${key === "run" ? name : values[k % 5]!}`).join(`,${space}`)}}`;
      })
      .join(crlf ? "\r\n" : "\n");
    return (bom ? "\uFEFF" : "") + text + (lastNewline && text !== "" ? "\n" : "");
  });

/** No options, or --set fields that make one-column tables (`loss`, `run`) readable. */
const setOptions = fc.constantFrom<ReadOptions>({}, { set: { params: 1e6, step: 5 } }, { set: { loss: 3, params: 1e6 } });

/** No options, a --set field, a --col key that some lines lack, a --set loss (every key-set complete). */
const jsonlOptions = fc.constantFrom<ReadOptions>({}, { set: { params: 1e6 } }, { columns: { loss: "lr" } }, { set: { loss: 2 } });

const chunking = fc.record({ points: fc.array(fc.nat(), { maxLength: 6 }), blockBytes: fc.constantFrom(8, 64, 1 << 20) });

// Each property runs with the native scan (native/scaling.c, when built) and without it.
describe.each([
  ["with the native scan", true],
  ["in JavaScript", false],
])("byte readers give what the string path gives, %s", (_how, native) => {
  beforeEach(({ skip }) => {
    withNative = native;
    if (native && nativeReader() === null) skip("the native reader is not built (scripts/build-native.mjs)");
  });

  it("CSV and TSV, any chunking", async () => {
    await fc.assert(
      fc.asyncProperty(csvText, chunking, setOptions, async ({ text, delimiter }, { points, blockBytes }, readOptions) => {
        const expected = await tableByStrings(text, delimiter, readOptions);
        const actual = await tableByBytes(cut(Buffer.from(text), points), delimiter, blockBytes, readOptions);
        expect(actual).toEqual(expected);
      }),
      options,
    );
  });

  it("JSONL, any chunking", async () => {
    await fc.assert(
      fc.asyncProperty(jsonlText, chunking, jsonlOptions, async (text, { points, blockBytes }, readOptions) => {
        const expected = await jsonlByStrings(text, readOptions);
        const actual = await jsonlByBytes(cut(Buffer.from(text), points), blockBytes, readOptions);
        expect(actual).toEqual(expected);
      }),
      options,
    );
  });

  it("a small CSV split at every byte gives the same rows as whole", async () => {
    const text = '\uFEFFrun,params,step,loss\r\na,1e6,1,3.5\r\n# note\r\n\r\n"b",2e6,1,3.25\r\nb,2e6,2,125M\r\nc,3e6,1,.5\r\nc,3e6,x,1\r\nd,4e6,1,2';
    const bytes = Buffer.from(text);
    const expected = await tableByStrings(text, ",");
    expect(expected.added.map((row) => [row.name, row.line, row.values[5]])).toEqual([
      ["a", 2, 3.5],
      ["b", 5, 3.25],
      ["b", 6, 125e6],
      ["c", 7, 0.5],
      ["d", 9, 2],
    ]);
    expect(expected.bad).toEqual([{ file: "f", line: 8, column: 7, message: 'step: "x" is not a number; fix the row or pass --skip-bad-rows' }]);
    for (let at = 0; at <= bytes.length; at++) {
      expect(await tableByBytes(cut(bytes, [at]), ",", 8)).toEqual(expected);
    }
  });

  it.each([
    ["run", '"#a"\n" "\n"b"\n""\nc\n'],
    ["note", '"#a"\n"x"\n""\n"  "\ny\n'],
    ["run,note", '"#a",x\n"b","#c"\n'],
    ["note\tx", "\t\n \t \na\tb\n \n"],
  ])("quoted, blank and whitespace lines of a %j table (loss and params --set), as the string path", async (header, rows) => {
    const text = `${header}\n${rows}`;
    const delimiter = header.includes("\t") ? "\t" : ",";
    const readOptions: ReadOptions = { set: { loss: 3, params: 1e6 } };
    const expected = await tableByStrings(text, delimiter, readOptions);
    expect(expected.added.length).toBeGreaterThan(0);
    expect(await tableByBytes([Buffer.from(text)], delimiter, 1 << 20, readOptions)).toEqual(expected);
  });

  it("with --set and --col, as the string path", async () => {
    const text = "model,steps,val/loss,loss\nm,10,3.5,4\nm,20,3.25,3.9\n";
    const readOptions: ReadOptions = { set: { params: 1e8 }, columns: { loss: "val/loss" } };
    const expected = await tableByStrings(text, ",", readOptions);
    expect(expected.added.map((row) => [row.name, row.values[0], row.values[2], row.values[5]])).toEqual([
      ["m", 1e8, 10, 3.5],
      ["m", 1e8, 20, 3.25],
    ]);
    expect(await tableByBytes([Buffer.from(text)], ",", 1 << 20, readOptions)).toEqual(expected);
  });

  it("reached the native scan in the cases above (or not, without it)", () => {
    const seen = nativeRows;
    nativeRows = 0;
    if (native) expect(seen).toBeGreaterThan(200);
    else expect(seen).toBe(0);
  });
});
