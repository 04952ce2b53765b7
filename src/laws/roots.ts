/**
 * Brent's method for a bracketed root of a continuous function of one variable
 * (Brent 1973, ch. 4; the algorithm of scipy.optimize.brentq).
 */
import { ScalingError } from "../errors.js";

export interface RootOptions {
  /** Absolute tolerance in x. @default 1e-12 */
  xTolerance?: number;
  /** @default 200 */
  maxIterations?: number;
  /** What is being solved for, for the error message. */
  what?: string;
}

export function brentRoot(f: (x: number) => number, lo: number, hi: number, options: RootOptions = {}): number {
  const xTolerance = options.xTolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 200;
  let a = lo;
  let b = hi;
  let fa = f(a);
  let fb = f(b);
  if (!Number.isFinite(fa) || !Number.isFinite(fb) || fa * fb > 0) {
    throw new ScalingError(
      "numeric",
      `${options.what ?? "root"}: no solution between ${a.toPrecision(3)} and ${b.toPrecision(3)}; the input is outside the range where the law can be solved`,
    );
  }
  if (fa === 0) return a;
  if (fb === 0) return b;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let i = 0; i < maxIterations; i++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 0.5 * xTolerance;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
    if (!Number.isFinite(fb)) {
      throw new ScalingError("numeric", `${options.what ?? "root"}: the function is not finite at ${b.toPrecision(3)}`);
    }
  }
  throw new ScalingError("numeric", `${options.what ?? "root"}: did not converge in ${maxIterations} iterations`);
}
