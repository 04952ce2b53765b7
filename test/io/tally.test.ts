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

const row = fc.record(
  {
    run: fc.constantFrom("a", "b", "c"),
    params: fc.constantFrom(1e6, 2e6, 3e6),
    batch_tokens: fc.constantFrom(1024, 2048),
    step: fc.integer({ min: 0, max: 40 }),
    tokens: fc.integer({ min: 0, max: 80_000 }),
    loss: fc.oneof(fc.double({ min: 1, max: 9, noNaN: true }), fc.constantFrom(2, 3)),
  },
  { requiredKeys: ["loss"] },
);

const log = fc.record({
  // Which keys every row may have: with a run column, grouped by (params, batch), one run a row.
  keys: fc.constantFrom<string[]>(["run", "params", "batch_tokens", "step", "tokens", "loss"], ["params", "batch_tokens", "step", "tokens", "loss"], ["params", "step", "loss"], ["params", "tokens", "loss"], ["run", "step", "loss"]),
  rows: fc.array(row, { minLength: 1, maxLength: 60 }),
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
      fc.asyncProperty(log, async ({ keys, rows, options }) => {
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

  it("counts the 720 rows of fixtures/curves.csv as readRuns keeps them: 12 curves, final loss at the last step", async () => {
    const full = summarizeRuns(await readRuns(["fixtures/curves.csv"]));
    const counted = await readRunSummaries(["fixtures/curves.csv"]);
    expect(counted).toEqual(full);
    expect(counted.runs).toHaveLength(12);
    expect(counted.runs.reduce((sum, run) => sum + run.points, 0)).toBe(720);
  });
});
