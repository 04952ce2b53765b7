/**
 * Bad input never yields a wrong number silently: each case is reported as
 * file:line:column: what, and what to do (exact messages asserted), exit code 2 in the CLI.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatLocated, ScalingError } from "../../src/errors.js";
import { BadInputError } from "../../src/io/badRows.js";
import { readRuns } from "../../src/io/read.js";
import type { ReadOptions } from "../../src/io/readOptions.js";
import { runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "scaling-bad-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The error readRuns throws, as the CLI prints it (`file:line:column: message`). */
async function failure(path: string, options: ReadOptions = {}): Promise<string> {
  try {
    await readRuns([path], options);
  } catch (error) {
    if (!(error instanceof ScalingError)) throw error;
    expect(error.code).toBe("input");
    return formatLocated(error.message, error.location).replaceAll(`${dir}/`, "");
  }
  throw new Error(`${path} was read without error`);
}

const HEADER = "run,params,step,loss\n";
const FIX = "fix the row or pass --skip-bad-rows";

describe("bad rows", () => {
  it.each([
    ["non-numeric", "a,1e6,1,abc\n", `x.csv:2:9: loss: "abc" is not a number; ${FIX}`],
    ["negative params", "a,-5,1,3\n", `x.csv:2:3: params: "-5" must be greater than zero; ${FIX}`],
    ["zero loss", "a,1e6,1,0\n", `x.csv:2:9: loss: "0" must be greater than zero; ${FIX}`],
    ["infinite loss", "a,1e6,1,inf\n", `x.csv:2:9: loss: "inf" is not a finite number; ${FIX}`],
    ["NaN loss", "a,1e6,1,NaN\n", `x.csv:2:9: loss: "NaN" is not a finite number; ${FIX}`],
    ["overflowing loss", "a,1e6,1,1e999\n", `x.csv:2:9: loss: "1e999" is not a finite number; ${FIX}`],
    ["negative step", "a,1e6,-1,3\n", `x.csv:2:7: step: "-1" must not be negative; ${FIX}`],
    ["empty loss", "a,1e6,1,\n", `x.csv:2:9: loss is empty; ${FIX}`],
    ["ragged row", "a,1e6,1\n", `x.csv:2:1: row has 3 fields, the header has 4; ${FIX}`],
    ["quoted bad cell", 'a,1e6,1,"3,5"\n', `x.csv:2:9: loss: "3,5" is not a number; ${FIX}`],
  ])("%s", async (_name, row, message) => {
    expect(await failure(file("x.csv", HEADER + row))).toBe(message);
  });

  it("reports the first three bad rows, then a count", async () => {
    const rows = Array.from({ length: 15 }, (_, i) => `a,1e6,${i},x${i}\n`).join("");
    expect(await failure(file("many.csv", HEADER + rows))).toBe(
      [
        `many.csv:2:9: loss: "x0" is not a number; ${FIX}`,
        `many.csv:3:9: loss: "x1" is not a number; ${FIX}`,
        `many.csv:4:9: loss: "x2" is not a number; ${FIX}`,
        "...and 12 more bad rows; fix them or pass --skip-bad-rows",
      ].join("\n"),
    );
  });

  it("--skip-bad-rows drops them with a count", async () => {
    const path = file("skip.csv", `${HEADER}a,1e6,1,3\na,1e6,2,oops\na,1e6,3,2.5\n`);
    const set = await readRuns([path], { skipBadRows: true });
    expect(set.summary).toMatchObject({ rows: 3, skipped: 1 });
    expect(Array.from(set.runs[0]!.loss)).toEqual([3, 2.5]);
  });

  it("carries the bad rows on the error", async () => {
    const error = await readRuns([file("carry.csv", `${HEADER}a,1e6,1,x\n`)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadInputError);
    expect((error as BadInputError).total).toBe(1);
  });

  it("a run whose params change between rows", async () => {
    expect(await failure(file("clash.csv", `${HEADER}a,1e6,1,3\na,2e6,2,2.5\n`))).toBe(
      `clash.csv:3: params changes within run "a" (1.00M before, 2.00M here); ${FIX}`,
    );
  });

  it("batch_size in sequences without --context", async () => {
    expect(await failure(file("seq.csv", "run,params,batch_size,step,loss\na,1e6,32,1,3\n"))).toBe(
      "seq.csv:2: batch_size is in sequences: pass --context TOKENS (e.g. --context 2048) or a batch_tokens column",
    );
  });
});

describe("bad files", () => {
  it.each([
    ["missing loss column", "run,params,step,val\n", "x.csv:1: no loss column (looked for val_loss, eval/loss, eval_loss, validation_loss, valid_loss, test_loss, loss, train/loss, train_loss); name it with --col loss=COLUMN"],
    ["no size column", "run,loss\na,3\n", "x.csv:1: no params, tokens or step column; name one with --col FIELD=COLUMN or give it with --set FIELD=VALUE"],
    ["duplicate header", "run,loss,step,loss\n", 'x.csv:1:15: duplicate column "loss" (also column 2); rename one of them'],
    ["__proto__ column", "run,__proto__,step,loss\n", 'x.csv:1:5: column name "__proto__" is not allowed; rename the column'],
    ["empty file", "", "x.csv: empty file; give a run log with a header row and data"],
    ["only blank lines", "\n\n  \n", "x.csv: empty file; give a run log with a header row and data"],
    ["only comments", "# nothing here\n", "x.csv: empty file (only comments or blank lines); give a header row and data"],
    ["header only", HEADER, "x.csv:1: no data rows after the header; add rows or check the file"],
  ])("%s", async (_name, content, message) => {
    expect(await failure(file("x.csv", content))).toBe(message);
  });

  it.each([
    ["at the end of the file", 3],
    ["in a large file (the row is not held open past 1M characters)", 100_000],
  ])("a quote that is never closed, %s", async (_name, count) => {
    const rows = Array.from({ length: count }, (_, i) => `a,1e6,${i + 2},3.25`).join("\n");
    expect(await failure(file("quote.csv", `${HEADER}a,1e6,1,"3\n${rows}\n`))).toBe(
      'quote.csv:2: a quoted field is never closed (a " without its closing quote); fix the quote',
    );
  });

  it("binary file", async () => {
    expect(await failure(file("x.bin", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])))).toBe(
      "x.bin: binary file (a NUL byte at byte 4); give a CSV, TSV, JSONL or JSON run log",
    );
  });
});

describe("bad JSON", () => {
  const good = '{"run": "a", "params": 1e6, "step": 1, "loss": 3}\n';
  it.each([
    ["invalid JSON on a line", `${good}{"run": "a", "loss": 3\n`, "x.jsonl:2:23: invalid JSON (Expected ',' or '}' after property value); fix the line or pass --skip-bad-rows"],
    ["__proto__ key", `${good}{"run": "a", "params": 1e6, "step": 2, "loss": 3, "__proto__": {"polluted": 1}}\n`, 'x.jsonl:2:1: key "__proto__" is not allowed; rename or remove it, or pass --skip-bad-rows'],
    ["constructor key", `${good}{"constructor": 1, "run": "a", "params": 1e6, "step": 2, "loss": 3}\n`, 'x.jsonl:2:1: key "constructor" is not allowed; rename or remove it, or pass --skip-bad-rows'],
    ["string loss", `${good}{"run": "a", "params": 1e6, "step": 2, "loss": "high"}\n`, `x.jsonl:2:1: loss: "high" is not a number; ${FIX}`],
    ["not an object", `${good}[1, 2]\n`, `x.jsonl:2:1: expected a JSON object like {"step": 100, "loss": 3.2}, got an array; ${FIX}`],
  ])("%s", async (_name, content, message) => {
    expect(await failure(file("x.jsonl", content))).toBe(message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a broken JSON document is located by line and column", async () => {
    expect(await failure(file("x.json", '[\n  {"run": "a", "loss": 3},\n  {"run": "b" "loss": 2}\n]\n'))).toBe(
      "x.json:3:15: invalid JSON (Expected ',' or '}' after property value); fix the file",
    );
  });

  it("a JSON array entry is located by its line", async () => {
    expect(await failure(file("x.json", '[\n  {"run": "a", "step": 1, "loss": 3},\n  {"run": "b", "step": 1, "loss": -2}\n]\n'))).toBe(
      `x.json:3:1: loss: "-2" must be greater than zero; ${FIX}`,
    );
  });
});

describe("in the CLI", () => {
  it("exits 2 with one line per bad row", async () => {
    const path = file("cli.csv", `${HEADER}a,1e6,1,x\na,1e6,2,y\n`);
    const result = await runCli(["inspect", path]);
    expect(result.code).toBe(2);
    expect(result.stderr.replaceAll(`${dir}/`, "")).toBe(`scaling: cli.csv:2:9: loss: "x" is not a number; ${FIX}\ncli.csv:3:9: loss: "y" is not a number; ${FIX}\n`);
  });
});
