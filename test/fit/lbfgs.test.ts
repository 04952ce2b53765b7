/**
 * L-BFGS on contrived problems with known minima (Nocedal & Wright 2006, §7.2's test functions),
 * and the property the threaded grid screen relies on: a start's result does not depend on what
 * the solver ran before.
 */
import { describe, expect, it } from "vitest";
import type { ObjectiveWithGradient } from "../../src/fit/lbfgs.js";
import { Lbfgs } from "../../src/fit/lbfgs.js";

/** Rosenbrock's function: minimum 0 at (1, 1). */
const rosenbrock: ObjectiveWithGradient = (x, g) => {
  const [u, v] = [x[0]!, x[1]!];
  g[0] = -2 * (1 - u) - 400 * u * (v - u * u);
  g[1] = 200 * (v - u * u);
  return (1 - u) ** 2 + 100 * (v - u * u) ** 2;
};

/** Σ_j (j + 1)(x_j − j)²: minimum 0 at x_j = j, condition number 5. */
const bowl: ObjectiveWithGradient = (x, g) => {
  let f = 0;
  for (let j = 0; j < x.length; j++) {
    g[j] = 2 * (j + 1) * (x[j]! - j);
    f += (j + 1) * (x[j]! - j) ** 2;
  }
  return f;
};

describe("Lbfgs", () => {
  it.each([
    [-1.2, 1],
    [2, 2],
    [-3, -4],
  ])("minimises Rosenbrock's function from (%s, %s) to (1, 1)", (u, v) => {
    const result = new Lbfgs(2).minimize(rosenbrock, [u, v]);
    expect(result.converged).toBe(true);
    expect(Math.abs(result.theta[0]! - 1)).toBeLessThan(1e-8);
    expect(Math.abs(result.theta[1]! - 1)).toBeLessThan(1e-8);
  });

  it("minimises a 5-parameter quadratic bowl from far away (|x| ~ 1e6: the first step is of unit length)", () => {
    const result = new Lbfgs(5).minimize(bowl, [1e6, -1e6, 3e5, 0, 7]);
    expect(result.converged).toBe(true);
    for (let j = 0; j < 5; j++) expect(Math.abs(result.theta[j]! - j)).toBeLessThan(1e-8);
  });

  it("leaves a plateau whose gradient is far below 1 (a steepest-descent step starts at 1/max|g|, not 1)", () => {
    // f = 1 + 1e-12 · bowl: gradients ~1e-11, so a step of 1 along −g changes f by ~1e-22,
    // below its rounding: the search would stop where it started and, its gradient being tiny,
    // report convergence. (gtol 1e-20: the default 1e-10 would accept the start outright.)
    const flat: ObjectiveWithGradient = (x, g) => {
      const f = bowl(x, g);
      for (let j = 0; j < x.length; j++) g[j] = g[j]! * 1e-12;
      return 1 + f * 1e-12;
    };
    const result = new Lbfgs(5).minimize(flat, [3, 3, 3, 3, 3], { gtol: 1e-20 });
    expect(result.converged).toBe(true);
    // f resolves the bowl to ~1e-4 here, so x to ~1e-2.
    for (let j = 0; j < 5; j++) expect(Math.abs(result.theta[j]! - j)).toBeLessThan(0.05);
  });

  it("gives the same bits from a start whatever the solver ran before (the workspace is reset)", () => {
    const fresh = new Lbfgs(2).minimize(rosenbrock, [-1.2, 1]);
    const used = new Lbfgs(2);
    for (const start of [[2, 2], [-3, -4], [0.5, 0.1]]) used.minimize(rosenbrock, start);
    const again = used.minimize(rosenbrock, [-1.2, 1]);
    expect(Array.from(again.theta)).toEqual(Array.from(fresh.theta));
    expect(again.objective).toBe(fresh.objective);
    expect(again.iterations).toBe(fresh.iterations);
  });

  it("reports no convergence, without throwing, when the start is not finite", () => {
    const result = new Lbfgs(2).minimize(rosenbrock, [NaN, 1]);
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(0);
  });
});
