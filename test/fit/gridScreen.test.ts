/**
 * The grid screen gives the same bits on any number of threads. Worker threads run only from
 * the compiled dist/ (npm test builds it first; Node 20 cannot load a .ts worker), so the
 * threaded runs import dist/ and are compared with each other and with the sources, which
 * screen on one thread. The native screen (native/grid.c) has its own tests, nativeScreen.test.ts.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { fitChinchilla, hoffmannGrid } from "../../src/fit/chinchillaFit.js";
import type { ScreenResult, ScreenTask } from "../../src/fit/gridScreen.js";
import { screenStarts, workersAvailable } from "../../src/fit/gridScreen.js";
import { ROOT } from "../helpers/cli.js";
import { noisyHoffmannPoints as points } from "./synthetic.js";

type GridScreenModule = typeof import("../../src/fit/gridScreen.js");
type ChinchillaFitModule = typeof import("../../src/fit/chinchillaFit.js");
const DIST = join(ROOT, "dist/fit");
const built = existsSync(join(DIST, "gridScreenWorker.js"));
const fromDist = async <T>(file: string): Promise<T> => (await import(pathToFileURL(join(DIST, file)).href)) as T;

function task(): ScreenTask {
  const grid = hoffmannGrid();
  const starts = new Float64Array(5 * grid.length);
  grid.forEach((start, i) => starts.set(start, 5 * i));
  return { ...points(), huberDelta: 1e-3, starts, screen: { ftol: 1e-10, gtol: 1e-8 } };
}

function expectSameBits(a: ScreenResult, b: ScreenResult): void {
  expect(Array.from(a.objectives)).toEqual(Array.from(b.objectives));
  expect(Array.from(a.ends)).toEqual(Array.from(b.ends));
  expect(Array.from(a.iterations)).toEqual(Array.from(b.iterations));
}

describe("grid screen on worker threads", () => {
  it("runs on one thread from the TypeScript sources, whatever is asked", () => {
    expect(workersAvailable()).toBe(false);
    const result = screenStarts({ ...task(), starts: task().starts.subarray(0, 5 * 50) }, 4);
    expect(result.threads).toBe(1);
    expect(result.byWorkers).toBe(0);
  });

  it.skipIf(!built)("gives the same bits on 1, 2 and 3 threads, and the same as the sources", { timeout: 120_000 }, async () => {
    const dist = await fromDist<GridScreenModule>("gridScreen.js");
    expect(dist.workersAvailable()).toBe(true);
    const one = dist.screenStarts(task(), 1);
    expect(one.threads).toBe(1);
    const sources = screenStarts(task(), 1);
    expectSameBits(one, sources);
    for (const threads of [2, 3]) {
      const many = dist.screenStarts(task(), threads);
      expect(many.threads).toBe(threads);
      // The workers did part of the work (they join ~50 ms into a screen of ~1 s).
      expect(many.byWorkers).toBeGreaterThan(0);
      expect(many.byWorkers).toBeLessThan(4500);
      expectSameBits(many, one);
    }
  });

  // Fake workers (test/fit/workers/): this thread does their share, and the bits do not change.
  const fakeWorker = (name: string): URL => new URL(`./workers/${name}`, import.meta.url);

  it("computes everything here when its workers do not load", () => {
    const one = screenStarts(task(), 1);
    const result = screenStarts(task(), 3, null, fakeWorker("failsToLoad.mjs"));
    expect(result.threads).toBe(3);
    expect(result.byWorkers).toBe(0);
    expect(result.recomputed).toBe(0);
    expectSameBits(result, one);
  });

  it("computes again the starts a worker claimed and crashed on, after one wait for all of them", { timeout: 60_000 }, () => {
    const one = screenStarts(task(), 1);
    const result = screenStarts(task(), 2, null, fakeWorker("crashesAfterClaiming.mjs"));
    expect(result.byWorkers).toBe(0);
    // The worker loads ~0.1 s into a screen of ~2 s, so it claims its three before this thread is done.
    expect(result.recomputed).toBe(3);
    expectSameBits(result, one);
  });

  it.skipIf(!built)("fitChinchilla from dist on 2 threads equals the sources' single-threaded fit", { timeout: 120_000 }, async () => {
    const dist = await fromDist<ChinchillaFitModule>("chinchillaFit.js");
    const data = points();
    const threaded = dist.fitChinchilla(data, { threads: 2, native: false });
    const single = fitChinchilla(data, { native: false });
    expect(threaded.threads).toBe(2);
    expect(single.threads).toBe(1);
    expect(Array.from(threaded.theta)).toEqual(Array.from(single.theta));
    expect(threaded.objective).toBe(single.objective);
    expect(threaded.iterations).toBe(single.iterations);
    expect(threaded.startsAtOptimum).toBe(single.startsAtOptimum);
  });

  it.skipIf(!built)("spawns no worker below PARALLEL_STARTS starts (the bootstrap's refits, single starts)", async () => {
    const dist = await fromDist<ChinchillaFitModule>("chinchillaFit.js");
    const starts = hoffmannGrid().filter((_, i) => i % 50 === 0);
    expect(starts.length).toBeLessThan(dist.PARALLEL_STARTS);
    expect(dist.fitChinchilla(points(), { starts, native: false }).threads).toBe(1);
    expect(dist.fitChinchilla(points(), { starts: [starts[3]!], native: false }).threads).toBe(1);
  });
});
