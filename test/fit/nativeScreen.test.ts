/**
 * The grid screen in native code (native/grid.c) against independent references, not against
 * itself: its objective against the formula transcribed directly (Math.exp and Math.log,
 * shifted log-sum-exp) and against the JavaScript objective's gradient (checked by central
 * differences in huberLse.test.ts); its screen against the JavaScript screen, start by start;
 * and the fit it feeds against the JavaScript fit, in-process and through the CLI. Skipped
 * where the addon has no screen (not built, or a machine its vector code does not run on).
 */
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/fit/bootstrap.js";
import { fitChinchilla, hoffmannGrid } from "../../src/fit/chinchillaFit.js";
import type { ScreenTask } from "../../src/fit/gridScreen.js";
import { screenStarts } from "../../src/fit/gridScreen.js";
import { huberLseObjective } from "../../src/fit/huberLse.js";
import { nativeReader } from "../../src/io/native.js";
import { runCli } from "../helpers/cli.js";
import { expectRel } from "../helpers/close.js";
import { directHuberLse, noisyHoffmannPoints, OBJECTIVE_THETAS, repeatedPoints } from "./synthetic.js";

const native = nativeReader();
const screenGrid = native?.screenGrid;
const nativeHuberLse = native?.huberLse;
const NO_SCREEN = "native screen absent (addon not built, or no AVX2 and FMA): the fit screens in JavaScript";

function flatGrid(): Float64Array {
  const grid = hoffmannGrid();
  const starts = new Float64Array(5 * grid.length);
  grid.forEach((start, i) => starts.set(start, 5 * i));
  return starts;
}

describe.skipIf(screenGrid === undefined || nativeHuberLse === undefined)("native grid screen", () => {
  const huberLse = nativeHuberLse!;
  // 24 points with repeated N and D (shared terms), and 23 of them (a count the 4-wide loop
  // does not divide: the last 3 points take the scalar path).
  const full = repeatedPoints();
  const cases = [
    ["24 points", full],
    ["23 points", { lnN: full.lnN.subarray(0, 23), lnD: full.lnD.subarray(0, 23), lnL: full.lnL.subarray(0, 23) }],
  ] as const;

  describe.each(cases)("objective on %s", (_, { lnN, lnD, lnL }) => {
    const gradient = new Float64Array(5);
    it.each(OBJECTIVE_THETAS)("equals the direct formula to 1e-13 at [%s, %s, %s, %s, %s]", (...theta) => {
      const x = Float64Array.from(theta);
      expectRel(huberLse(lnN, lnD, lnL, 1e-3, x, gradient), directHuberLse(x, lnN, lnD, lnL, 1e-3), 1e-13);
    });

    it.each(OBJECTIVE_THETAS)("has the JavaScript objective's gradient (1e-11 of its scale) at [%s, %s, %s, %s, %s]", (...theta) => {
      const x = Float64Array.from(theta);
      const expected = new Float64Array(5);
      huberLseObjective(lnN, lnD, lnL, 1e-3)(x, expected);
      huberLse(lnN, lnD, lnL, 1e-3, x, gradient);
      const scale = Math.max(...expected.map(Math.abs));
      for (let j = 0; j < 5; j++) expect(Math.abs(gradient[j]! - expected[j]!)).toBeLessThanOrEqual(1e-11 * scale + 1e-300);
    });
  });

  it("equals the direct formula to 1e-13 at 2,000 random points over Hoffmann's grid", () => {
    const { lnN, lnD, lnL } = noisyHoffmannPoints();
    const random = seededRandom(8);
    const gradient = new Float64Array(5);
    let worst = 0;
    for (let k = 0; k < 2000; k++) {
      const x = Float64Array.of(30 * random() - 2, 30 * random() - 2, 3 * random() - 1.5, 2.2 * random(), 2.2 * random());
      const expected = directHuberLse(x, lnN, lnD, lnL, 1e-3);
      worst = Math.max(worst, Math.abs(huberLse(lnN, lnD, lnL, 1e-3, x, gradient) - expected) / expected);
    }
    expect(worst).toBeLessThanOrEqual(1e-13);
  });

  it("has a residual within 1e-15 of e − ln L for models within ±20% of the data", () => {
    // Four equal points with A and B vanishing: the model is E = e^e, r = e − ln L exactly, and
    // with δ = 2^-100 the objective is 4δ(|r| − δ/2), so |r| comes back without rounding.
    const delta = 2 ** -100;
    const random = seededRandom(5);
    const zeros = new Float64Array(4);
    let worst = 0;
    for (let k = 0; k < 20_000; k++) {
      const e = -1 + 3 * random();
      const lnL = e - Math.log(0.8 + 0.4 * random());
      const f = huberLse(zeros, zeros, new Float64Array(4).fill(lnL), delta, Float64Array.of(-1000, -1000, e, 0, 0), new Float64Array(5));
      worst = Math.max(worst, Math.abs(f / (4 * delta) - Math.abs(e - lnL)));
    }
    expect(worst).toBeLessThanOrEqual(1e-15);
  });

  it("gives the same bits on 1, 2 and 3 threads", () => {
    const { lnN, lnD, lnL } = noisyHoffmannPoints();
    const starts = flatGrid();
    const run = (threads: number) => {
      const count = starts.length / 5;
      const result = { objectives: new Float64Array(count), ends: new Float64Array(5 * count), iterations: new Int32Array(count) };
      const used = screenGrid!(lnN, lnD, lnL, 1e-3, starts, 1e-8, 1e-10, 1000, threads, result.objectives, result.ends, result.iterations);
      expect(used).toBe(threads);
      return result;
    };
    const one = run(1);
    for (const threads of [2, 3]) {
      const many = run(threads);
      expect(Array.from(many.objectives)).toEqual(Array.from(one.objectives));
      expect(Array.from(many.ends)).toEqual(Array.from(one.ends));
      expect(Array.from(many.iterations)).toEqual(Array.from(one.iterations));
    }
  });

  it("ends each of Hoffmann's 4,500 starts where the JavaScript screen does, but for a few knife edges", () => {
    const task: ScreenTask = { ...noisyHoffmannPoints(), huberDelta: 1e-3, starts: flatGrid(), screen: { ftol: 1e-10, gtol: 1e-8 } };
    const inC = screenStarts(task, 2, native);
    const inJs = screenStarts(task, 1, null);
    expect(inC.engine).toBe("native");
    expect(inJs.engine).toBe("javascript");
    const count = inJs.objectives.length;
    let same = 0;
    for (let i = 0; i < count; i++) {
      const a = inC.objectives[i]!;
      const b = inJs.objectives[i]!;
      if (a === b || Math.abs(a - b) <= 1e-6 * Math.abs(b)) same++;
    }
    // Starts whose screened objective agrees to 1e-6: all but those on knife edges, where the
    // last bits of e^x decide a line search.
    expect(same / count).toBeGreaterThan(0.95);
    const best = (objectives: Float64Array) => Math.min(...objectives);
    expectRel(best(inC.objectives), best(inJs.objectives), 1e-9);
  });

  it("feeds fitChinchilla the same optimum as the JavaScript screen", () => {
    const data = noisyHoffmannPoints();
    const inC = fitChinchilla(data);
    const inJs = fitChinchilla(data, { native: false });
    expect(inC.screenEngine).toBe("native");
    expect(inJs.screenEngine).toBe("javascript");
    expectRel(inC.objective, inJs.objective, 1e-12, "objective");
    for (let j = 0; j < 5; j++) expect(Math.abs(inC.theta[j]! - inJs.theta[j]!)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(inJs.theta[j]!)));
    // The count of starts at the optimum is a property of the grid, not of the engine, to a few percent.
    expectRel(inC.startsAtOptimum, inJs.startsAtOptimum, 0.05, "starts at the optimum");
  });

  it("falls back to the JavaScript screen where the native one refuses the data (a log that is not finite)", () => {
    const { lnN, lnD, lnL } = repeatedPoints();
    const bad = Float64Array.from(lnL);
    bad[3] = Number.NaN;
    const task: ScreenTask = { lnN, lnD, lnL: bad, huberDelta: 1e-3, starts: flatGrid().subarray(0, 50), screen: { ftol: 1e-10, gtol: 1e-8 } };
    const result = screenStarts(task, 1, native);
    expect(result.engine).toBe("javascript");
    expect(Array.from(result.objectives)).toEqual(Array.from(screenStarts(task, 1, null).objectives));
  });

  it("leaves a handful of starts (the bootstrap's warm start) to JavaScript", () => {
    const data = noisyHoffmannPoints();
    expect(fitChinchilla(data, { starts: hoffmannGrid().slice(0, 5) }).screenEngine).toBe("javascript");
    expect(fitChinchilla(data, { starts: hoffmannGrid().slice(0, 6) }).screenEngine).toBe("native");
  });

  it("gives `scaling fit --law chinchilla` the constants of SCALING_NATIVE=0 (1e-6)", async () => {
    const args = ["fit", "fixtures/sweep-final.csv", "--law", "chinchilla", "--bootstrap", "0", "--json"];
    const [inC, inJs] = await Promise.all([runCli(args), runCli(args, { NO_COLOR: "1", SCALING_NATIVE: "0" })]);
    expect(inC.code).toBe(0);
    expect(inJs.code).toBe(0);
    const params = (stdout: string) => JSON.parse(stdout).fits[0].params as Record<string, number>;
    const expected = params(inJs.stdout);
    for (const [name, value] of Object.entries(params(inC.stdout))) expectRel(value, expected[name]!, 1e-6, name);
  });

  it("rejects arguments of the wrong kind or length, and logarithms that are not finite", () => {
    const { lnN, lnD, lnL } = repeatedPoints();
    const x = new Float64Array(5);
    expect(() => huberLse(lnN, lnD.subarray(1), lnL, 1e-3, x, x)).toThrow(TypeError);
    expect(() => huberLse(lnN, lnD, lnL, 0, x, x)).toThrow(TypeError);
    const slots = [new Float64Array(1), new Float64Array(5), new Int32Array(1)] as const;
    expect(() => screenGrid!(lnN, lnD, lnL, 1e-3, new Float64Array(4), 1e-8, 1e-10, 1000, 1, ...slots)).toThrow(TypeError);
    const bad = Float64Array.from(lnL);
    bad[7] = Number.NaN;
    expect(() => screenGrid!(lnN, lnD, bad, 1e-3, new Float64Array(5), 1e-8, 1e-10, 1000, 1, ...slots)).toThrow(/not finite/);
  });
}, 60_000);

it.runIf(screenGrid === undefined)(NO_SCREEN, () => {
  expect(nativeReader()?.screenGrid).toBeUndefined();
});
