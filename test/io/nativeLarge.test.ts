/**
 * The native reader on files of several calls (a call reads at most 65,536 rows, on two threads
 * from 16,384 lines on): a 100,000-row CSV and JSONL with, at random lines, what the native scan
 * does not take (blank lines, comments, quoted names, SI suffixes, 17-digit numbers, bad rows),
 * so that scans stop anywhere in a call, in either thread's half. Read with and without the native reader, the runs, points, summaries and
 * errors are the same.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NATIVE_BLOCK_BYTES } from "../../src/io/byteRows.js";
import { nativeReader } from "../../src/io/native.js";
import { readRunSummaries, readRuns } from "../../src/io/read.js";
import type { ReadOptions } from "../../src/io/readOptions.js";

const dir = mkdtempSync(join(tmpdir(), "scaling-native-large-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** mulberry32: a small seeded generator, so the files are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Enough rows that the CSV, like the JSONL, is read in 4 MiB blocks (byteRows.ts NATIVE_BLOCK_BYTES). */
const ROWS = 100_000;

/** Rows of 50 runs of 2,000 steps; one line in `oddEvery` (on average) is one the scan hands back. */
function files(seed: number, oddEvery: number): { csv: string; jsonl: string } {
  const next = random(seed);
  const csv = ["run,params,batch_tokens,step,tokens,loss"];
  const jsonl: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const run = Math.floor(i / 2000);
    const name = `n${run}_s${run % 5}`;
    const params = 1e6 * (1 + run);
    const step = 1 + (i % 2000) * 10;
    const loss = (2 + 5 / Math.sqrt(step) + next() * 1e-3).toFixed(5);
    let cells = [name, String(params), "65536", String(step), String(step * 65536), loss];
    let line: string | null = null;
    let object: Record<string, unknown> = { run: name, params, batch_tokens: 65536, step, tokens: step * 65536, loss: Number(loss) };
    if (next() * oddEvery < 1) {
      const odd = Math.floor(next() * 7);
      if (odd === 0) line = "";
      else if (odd === 1) line = "# a comment";
      else if (odd === 2) cells[0] = `"${name}"`;
      else if (odd === 3) cells[1] = `${1 + run}M`;
      else if (odd === 4) cells[5] = (Number(loss) + 1e-12).toPrecision(17);
      else if (odd === 5) cells[5] = "-1";
      else cells = cells.slice(0, 5);
      if (odd === 3) object = { ...object, params: `${1 + run}M` };
      if (odd === 4) object = { ...object, loss: Number(cells[5]) };
      if (odd === 5) object = { ...object, loss: -1 };
      if (odd === 6) object = { ...object, note: [1] };
    }
    csv.push(line ?? cells.join(","));
    jsonl.push(line === "" ? "" : line !== null ? JSON.stringify({ ...object, step: "x" }) : JSON.stringify(object));
  }
  return { csv: `${csv.join("\n")}\n`, jsonl: `${jsonl.join("\n")}\n` };
}

async function outcome(read: () => Promise<unknown>): Promise<unknown> {
  try {
    return await read();
  } catch (error) {
    return { error: String(error) };
  }
}

describe.skipIf(nativeReader() === null)("the native reader on large files, against JavaScript", () => {
  it.each([
    [1, 1e9],
    [2, 5000],
    [3, 300],
  ])("seed %i, one odd line in %i: the same runs, summaries and errors", async (seed, oddEvery) => {
    const { csv, jsonl } = files(seed, oddEvery);
    expect(csv.length).toBeGreaterThan(NATIVE_BLOCK_BYTES);
    for (const [name, text] of [
      [`s${seed}.csv`, csv],
      [`s${seed}.jsonl`, jsonl],
    ] as const) {
      const path = join(dir, name);
      writeFileSync(path, text);
      for (const options of [{ skipBadRows: true }, { maxPoints: 50 }] as ReadOptions[]) {
        const native = await outcome(() => readRuns([path], { ...options, native: true }));
        const js = await outcome(() => readRuns([path], { ...options, native: false }));
        expect(native).toEqual(js);
        expect(await outcome(() => readRunSummaries([path], { ...options, native: true }))).toEqual(await outcome(() => readRunSummaries([path], { ...options, native: false })));
        if (oddEvery > 1e6) expect((native as { summary: { rows: number } }).summary.rows).toBe(ROWS);
      }
    }
  });
});
