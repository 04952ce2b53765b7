/**
 * A line with no end (the fuzz harness's 100 MB line, test/FUZZ.md): refused as soon as it
 * passes MAX_LINE_CHARS, in time linear in what was read, for CSV and JSONL alike; long lines
 * under the limit still read whole across many chunks.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_LINE_CHARS } from "../../src/io/chunkJoiner.js";
import { readRuns } from "../../src/io/read.js";

const dir = mkdtempSync(join(tmpdir(), "scaling-long-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("over-long lines", () => {
  it.each([
    ["long.csv", "run,params,tokens,loss\n"],
    ["long.jsonl", '{"run": "a", "params": 1e6, "tokens": 1e9, "loss": 3}\n'],
  ])("%s: a line past the limit is an error at its line, found quickly", async (name, first) => {
    const path = join(dir, name);
    writeFileSync(path, first + "x".repeat(MAX_LINE_CHARS + 1024));
    const started = performance.now();
    const error = await readRuns([path]).catch((e: unknown) => e);
    // ScalingError's toString is `file:line: message`, as the CLI prints it.
    expect(String(error)).toBe(`${path}:2: a line is longer than 32M characters with no line end; this is not a run log (check the file and its format)`);
    // Linear: a rescan per 64 KB chunk of a 32M-character line would take minutes.
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it("a 2M-character field under the limit reads whole across chunks", async () => {
    const path = join(dir, "wide.csv");
    const note = "n".repeat(2_000_000);
    writeFileSync(path, `run,params,tokens,loss,note\na,1e6,1e9,3.5,${note}\nb,2e6,1e9,3.25,x\n`);
    const set = await readRuns([path]);
    expect(set.runs.map((r) => [r.id, r.finalLoss])).toEqual([
      ["a", 3.5],
      ["b", 3.25],
    ]);
  });
});
