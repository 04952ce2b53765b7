/**
 * A generated 1-million-row learning-curve log (written at test time into a temp dir, never
 * committed) is read streamed: heap growth stays bounded by the points kept (3 Float64Arrays
 * of 1M values = 24 MB, plus growth slack), not by the 40 MB file, and in reasonable time.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readRuns } from "../../src/io/read.js";

const ROWS = 1_000_000;
const RUNS = 20;
let dir = "";
let path = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "scaling-io-"));
  path = join(dir, "big.csv");
  const out = createWriteStream(path);
  const write = (text: string): Promise<void> | void => (out.write(text) ? undefined : new Promise((resolve) => out.once("drain", () => resolve())));
  await write("run,params,batch_tokens,step,loss,learning_rate,grad_norm\n");
  const perRun = ROWS / RUNS;
  let block = "";
  for (let r = 0; r < RUNS; r++) {
    const params = 1e6 * (r + 1);
    for (let s = 1; s <= perRun; s++) {
      block += `sweep-2026-11-run-${r},${params},65536,${s},${(2 + 10 * s ** -0.3).toFixed(5)},0.0003,1.25\n`;
      if (block.length > 1 << 20) {
        await write(block);
        block = "";
      }
    }
  }
  await write(block);
  await new Promise<void>((resolve) => out.end(() => resolve()));
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("reads 1M rows with bounded heap growth", async () => {
  const { size } = await stat(path);
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const started = performance.now();
  const set = await readRuns([path], {
    onProgress: () => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const growthMB = (peak - before) / 1e6;
  console.log(`1M rows, ${(size / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s = ${(size / 1e6 / seconds).toFixed(0)} MB/s; heap growth ${growthMB.toFixed(0)} MB`);
  expect(set.summary.rows).toBe(ROWS);
  expect(set.runs).toHaveLength(RUNS);
  expect(set.runs[3]!.loss).toHaveLength(ROWS / RUNS);
  expect(set.runs[3]!.finalLoss).toBeCloseTo(2 + 10 * (ROWS / RUNS) ** -0.3, 5);
  expect(growthMB).toBeLessThan(100);
  expect(seconds).toBeLessThan(20);
}, 60_000);

it("with --max-points keeps memory bounded by the points kept", async () => {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const set = await readRuns([path], {
    maxPoints: 50,
    onProgress: () => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    },
  });
  console.log(`1M rows with --max-points 50: heap growth ${((peak - before) / 1e6).toFixed(0)} MB`);
  expect(set.runs.every((run) => run.loss.length <= 50 && run.loss.length >= 40 && run.steps![0] === 1 && run.steps![run.loss.length - 1] === ROWS / RUNS)).toBe(true);
  expect((peak - before) / 1e6).toBeLessThan(100);
}, 60_000);

/** A full garbage collection (vitest runs without --expose-gc). */
function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

it("keeps nothing of the text once read: run names do not pin the chunks they were cut from", async () => {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const set = await readRuns([path], { maxPoints: 50 });
  collectGarbage();
  const retainedMB = (process.memoryUsage().heapUsed - before) / 1e6;
  // 20 runs of 50 points: kilobytes. Each run's name sliced from its first 1 MB chunk held 20+ MB.
  expect(set.runs).toHaveLength(RUNS);
  console.log(`retained ${retainedMB.toFixed(1)} MB`);
  expect(retainedMB).toBeLessThan(8);
}, 60_000);
