/**
 * --max-points while reading: the rows a run keeps (one a 1/(4n) decade of step, plus the
 * last) against a brute-force choice made from all rows at once, whatever the row order, and
 * the fit's default of FIT_MAX_POINTS points a curve.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { FIT_MAX_POINTS } from "../../src/cli/fit.js";
import { readRuns } from "../../src/io/read.js";
import { BINS_PER_POINT, LogBins } from "../../src/io/streamThin.js";
import { thinIndices } from "../../src/io/thin.js";
import { spawnCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "scaling-thin-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Brute force: group all steps by ⌊4n log10 step⌋ (0 alone), take each group's smallest, and the largest step. */
function expectedKept(steps: number[], maxPoints: number): number[] {
  const byBin = new Map<number, number>();
  for (const step of steps) {
    const bin = step === 0 ? -Infinity : Math.floor(BINS_PER_POINT * maxPoints * Math.log10(step));
    byBin.set(bin, Math.min(byBin.get(bin) ?? Infinity, step));
  }
  return [...new Set([...byBin.values(), Math.max(...steps)])].sort((a, b) => a - b);
}

function keptBy(steps: number[], maxPoints: number): number[] {
  const bins = new LogBins(maxPoints);
  // The loss carries the step, to check each kept row stays whole.
  for (const step of steps) bins.add(step, step * 10, 1 + step);
  const kept = bins.finish();
  const out = Array.from(kept.steps.values());
  out.forEach((step, i) => {
    expect(kept.tokens.at(i)).toBe(step * 10);
    expect(kept.loss.at(i)).toBe(1 + step);
  });
  return out.sort((a, b) => a - b);
}

describe("LogBins (--max-points while reading)", () => {
  it("keeps each bin's smallest step and the largest step, in any row order", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2_000_000 }), { minLength: 1, maxLength: 400 }), fc.integer({ min: 1, max: 60 }), (steps, maxPoints) => {
        expect(keptBy(steps, maxPoints)).toEqual(expectedKept(steps, maxPoints));
        expect(keptBy([...steps].reverse(), maxPoints)).toEqual(expectedKept(steps, maxPoints));
      }),
    );
  });

  it("keeps the same rows when the bins outrun the array of bins, or fall below its first", () => {
    // Up to 20,000 bins a decade over 12 decades: past the 65,536 bins the array holds, in any order.
    const key = fc.double({ min: 1, max: 1e12, noNaN: true }).map((v) => Math.round(v * 1000) / 1000);
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 300 }), fc.integer({ min: 1000, max: 5000 }), (steps, maxPoints) => {
        expect(keptBy(steps, maxPoints)).toEqual(expectedKept(steps, maxPoints));
      }),
      { numRuns: 50 },
    );
  });

  it("a run keyed by tokens far above bin 0 holds a small array of bins", () => {
    // Tokens 1e9 with n = 500 is bin 18,000: an array of bins from 0 cost 72 KB a run.
    const before = process.memoryUsage().arrayBuffers;
    const runs = Array.from({ length: 2000 }, (_, i) => {
      const bins = new LogBins(500);
      bins.add(NaN, 1e9 + i, 2.5);
      return bins;
    });
    const grown = process.memoryUsage().arrayBuffers - before;
    expect(grown).toBeLessThan(10e6);
    expect(Array.from(runs[1999]!.finish().tokens.values())).toEqual([1e9 + 1999]);
  });

  it("holds at most 4n rows a decade whatever the logging interval", () => {
    // 100k steps logged every step: 5 decades, so at most 4 * 50 * 5 + 2 rows kept of 100,000.
    const steps = Array.from({ length: 100_000 }, (_, i) => i + 1);
    const kept = keptBy(steps, 50);
    expect(kept.length).toBeLessThanOrEqual(4 * 50 * 5 + 2);
    expect(kept[0]).toBe(1);
    expect(kept.at(-1)).toBe(100_000);
  });

  it("reads to the same curve as thinning all rows at once, for a shuffled file", async () => {
    const steps = Array.from({ length: 3000 }, (_, i) => 7 * (i + 1));
    const shuffled = [...steps].sort((a, b) => ((a * 7919) % 3001) - ((b * 7919) % 3001));
    const path = join(dir, "shuffled.csv");
    writeFileSync(path, `run,params,step,loss\n${shuffled.map((s) => `a,1e6,${s},${2 + 100 / s}`).join("\n")}\n`);
    const set = await readRuns([path], { maxPoints: 40 });
    const survivors = Float64Array.from(expectedKept(steps, 40));
    const expected = thinIndices(survivors, { maxPoints: 40 }).map((i) => survivors[i]!);
    expect(Array.from(set.runs[0]!.steps!)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(30);
    expect(set.summary.maxPoints).toBe(40);
  });
});

describe("fit keeps at most FIT_MAX_POINTS points a curve unless told otherwise", () => {
  const rows: string[] = [];
  for (const [size, nParams] of [["s", 1e7], ["m", 1e8], ["l", 1e9]] as const) {
    for (let step = 10; step <= 20_000; step += 10) rows.push(`${size},${nParams},${step},${(1e13 / nParams) ** 0.076 + (2000 / step) ** 0.76}`);
  }
  const path = join(dir, "long.csv");
  writeFileSync(path, `run,params,step,loss\n${rows.join("\n")}\n`);

  it("by default", () => {
    const result = spawnCli(["fit", path, "--law", "n", "--json"]);
    expect(result.code).toBe(0);
    const input = JSON.parse(result.stdout).input as { maxPoints: number; rows: number; runs: Array<{ points: number }> };
    expect(input.maxPoints).toBe(FIT_MAX_POINTS);
    expect(input.rows).toBe(6000);
    for (const run of input.runs) expect(run.points).toBeGreaterThan(FIT_MAX_POINTS / 2);
    for (const run of input.runs) expect(run.points).toBeLessThanOrEqual(FIT_MAX_POINTS);
  });

  it("--max-points all keeps every point, and says so in the summary", () => {
    const all = spawnCli(["fit", path, "--law", "n", "--json", "--max-points", "all"]);
    expect(all.code).toBe(0);
    const input = JSON.parse(all.stdout).input as { maxPoints: number | null; runs: Array<{ points: number }> };
    expect(input.maxPoints).toBeNull();
    expect(input.runs.map((run) => run.points)).toEqual([2000, 2000, 2000]);
    const table = spawnCli(["fit", path, "--law", "n"]);
    expect(table.stderr).toMatch(/at most 500 a curve, evenly in log-step; --max-points all keeps every point/);
  });
});
