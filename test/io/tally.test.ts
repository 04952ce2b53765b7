/**
 * readRunSummaries (runs counted, not kept: io/tally.ts) against summarizeRuns(readRuns(...))
 * (every point kept, sorted and finalized by finalize.ts) on random JSONL logs: runs named or
 * grouped by size or one a row, steps and tokens missing on some rows, out of order, repeated,
 * with --every, --max-points, --skip-bad-rows. Both must give the same runs, ids, points, final
 * and best loss, summary, or the same error.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { readRunSummaries, readRuns, summarizeRuns } from "../../src/io/read.js";
import type { ReadOptions } from "../../src/io/readOptions.js";

const dir = mkdtempSync(join(tmpdir(), "scaling-tally-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** A point; its step or tokens missing now and then (undefined: the key is left out). */
const point = fc.record({
  step: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined, freq: 12 }),
  tokens: fc.option(fc.integer({ min: 0, max: 24 }), { nil: undefined, freq: 12 }),
  loss: fc.oneof(fc.double({ min: 1, max: 9, noNaN: true }), fc.constantFrom(2, 3)),
});

/**
 * Runs of consecutive rows (a native scan's segments), each run's params and batch its own
 * (else, now and then, another: a bad row), small steps and tokens so that the top step ties.
 */
const stretch = fc.record({
  run: fc.constantFrom("a", "b", "c"),
  odd: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  points: fc.array(point, { minLength: 1, maxLength: 8 }),
});
const SIZE = { a: 1e6, b: 2e6, c: 3e6 } as const;

const log = fc.record({
  // Which keys every row may have: with a run column, grouped by (params, batch), one run a row.
  keys: fc.constantFrom<string[]>(["run", "params", "batch_tokens", "step", "tokens", "loss"], ["params", "batch_tokens", "step", "tokens", "loss"], ["params", "step", "loss"], ["params", "tokens", "loss"], ["run", "step", "loss"]),
  stretches: fc.array(stretch, { minLength: 1, maxLength: 12 }),
  options: fc.constantFrom<ReadOptions>({}, { every: 3 }, { maxPoints: 4 }, { skipBadRows: true }, { every: 2, skipBadRows: true }),
});

async function outcome(read: () => Promise<unknown>): Promise<unknown> {
  try {
    return await read();
  } catch (error) {
    return { error: String(error) };
  }
}

describe("readRunSummaries", () => {
  it("gives the runs and summary that readRuns gives, without the points", async () => {
    await fc.assert(
      fc.asyncProperty(log, async ({ keys, stretches, options }) => {
        const rows = stretches.flatMap(({ run, odd, points }) => points.map((p) => ({ run, params: odd ? 5e6 : SIZE[run], batch_tokens: run === "c" ? 2048 : 1024, ...p })));
        const text = rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([key]) => keys.includes(key))))).join("\n");
        const path = join(dir, `log${files++}.jsonl`);
        writeFileSync(path, `${text}\n`);
        const full = await outcome(async () => summarizeRuns(await readRuns([path], options)));
        const counted = await outcome(() => readRunSummaries([path], options));
        expect(counted).toEqual(full);
      }),
      { seed: 2026_11_25, numRuns: 300 },
    );
  });

  it.each([
    ["step", "run,params,step,loss\na,1e6,5,3\na,1e6,10,2\nb,2e6,5,3\na,1e6,3,2.5\na,1e6,10,1.2\na,1e6,10,1\na,1e6,4,1.5\n"],
    ["tokens (no step column)", "run,params,tokens,loss\na,1e6,5,3\na,1e6,10,2\nb,2e6,5,3\na,1e6,3,2.5\na,1e6,10,1.2\na,1e6,10,1\na,1e6,4,1.5\n"],
  ])("ties of the top %s, within a stretch of a run and across two, go to the later row: final loss 1, as sorting gives", async (_key, text) => {
    const path = join(dir, `tie${files++}.csv`);
    writeFileSync(path, text);
    const counted = await readRunSummaries([path]);
    expect(counted).toEqual(summarizeRuns(await readRuns([path])));
    expect(counted.runs[0]).toMatchObject({ id: "a", points: 6, finalLoss: 1, bestLoss: 1 });
  });

  it("counts the 720 rows of fixtures/curves.csv as readRuns keeps them: 12 curves, final loss at the last step", async () => {
    const full = summarizeRuns(await readRuns(["fixtures/curves.csv"]));
    const counted = await readRunSummaries(["fixtures/curves.csv"]);
    expect(counted).toEqual(full);
    expect(counted.runs).toHaveLength(12);
    expect(counted.runs.reduce((sum, run) => sum + run.points, 0)).toBe(720);
  });
});
