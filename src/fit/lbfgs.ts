/**
 * L-BFGS (Nocedal & Wright 2006, Alg. 7.4–7.5) with a line search satisfying the strong Wolfe
 * conditions (Alg. 3.5–3.6, cubic interpolation in the zoom), for smooth unconstrained
 * minimisation with an analytic gradient: the Chinchilla Huber objective (laws.md, Hoffmann
 * Approach 3). A workspace is allocated once and reused across starts: the iteration loop
 * allocates nothing.
 */
import type { SolverResult } from "./levenbergMarquardt.js";

/** f(x), writing ∇f(x) into `gradient`. */
export type ObjectiveWithGradient = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  /** @default 1e-10 converged when max |∂f/∂x_j| ≤ gtol */
  gtol?: number;
  /** @default 1e-14 converged when an iteration lowers f by ≤ ftol · max(|f|, 1e-300) */
  ftol?: number;
  /** @default 1000 */
  maxIterations?: number;
}

/** The tolerances where LbfgsOptions leaves them out. */
export const LBFGS_DEFAULTS: Required<LbfgsOptions> = { gtol: 1e-10, ftol: 1e-14, maxIterations: 1000 };

const C1 = 1e-4;
const C2 = 0.9;
/** Largest first step along steepest descent (scipy's stpmx). */
const MAX_FIRST_STEP = 1e10;

function dot(a: Float64Array, b: Float64Array, p: number): number {
  let sum = 0;
  for (let j = 0; j < p; j++) sum += a[j]! * b[j]!;
  return sum;
}

/** The dot product of `p` entries of `a` from `offset` with `b`: a row of the (s, y) stores without a subarray. */
function dotAt(a: Float64Array, offset: number, b: Float64Array, p: number): number {
  let sum = 0;
  for (let j = 0; j < p; j++) sum += a[offset + j]! * b[j]!;
  return sum;
}

function cubicMinimiser(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const radicand = d1 * d1 - da * db;
  if (!(radicand >= 0)) return (a + b) / 2;
  const d2 = Math.sign(b - a) * Math.sqrt(radicand);
  const x = b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
  if (!Number.isFinite(x)) return (a + b) / 2;
  // Safeguard: stay well inside the bracket, clamping to its inner tenths. Clamping rather than
  // bisecting matters after a long step, when the first trial overshoots by orders of magnitude
  // and the interpolant asks for a point near the low end: each trial then shrinks the bracket
  // tenfold instead of twofold (issue 7: 15% fewer evaluations over Hoffmann's grid; a tighter
  // clamp, 0.01 or 0.001, costs more evaluations overall).
  const lo = Math.min(a, b);
  const width = Math.abs(b - a);
  return Math.min(Math.max(x, lo + 0.1 * width), lo + 0.9 * width);
}

export class Lbfgs {
  private readonly p: number;
  private readonly m: number;
  private readonly x: Float64Array;
  private readonly g: Float64Array;
  private readonly xt: Float64Array;
  private readonly gt: Float64Array;
  private readonly d: Float64Array;
  private readonly s: Float64Array;
  private readonly y: Float64Array;
  private readonly rho: Float64Array;
  private readonly alpha: Float64Array;
  private stored = 0;
  private newest = -1;
  private ft = 0;

  constructor(nParams: number, memory = 10) {
    this.p = nParams;
    this.m = memory;
    this.x = new Float64Array(nParams);
    this.g = new Float64Array(nParams);
    this.xt = new Float64Array(nParams);
    this.gt = new Float64Array(nParams);
    this.d = new Float64Array(nParams);
    this.s = new Float64Array(memory * nParams);
    this.y = new Float64Array(memory * nParams);
    this.rho = new Float64Array(memory);
    this.alpha = new Float64Array(memory);
  }

  /** Minimises f from `start`. Never throws: `converged` says whether a stopping test was met. */
  minimize(f: ObjectiveWithGradient, start: ArrayLike<number>, options: LbfgsOptions = {}): SolverResult {
    const gtol = options.gtol ?? LBFGS_DEFAULTS.gtol;
    const ftol = options.ftol ?? LBFGS_DEFAULTS.ftol;
    const maxIterations = options.maxIterations ?? LBFGS_DEFAULTS.maxIterations;
    const { p, x, g, d } = this;
    x.set(start as ArrayLike<number>);
    this.stored = 0;
    this.newest = -1;
    let fx = f(x, g);
    let iterations = 0;
    let converged = false;
    if (!Number.isFinite(fx)) return { theta: Float64Array.from(x), objective: fx, iterations, converged };
    while (iterations < maxIterations) {
      let gmax = 0;
      for (let j = 0; j < p; j++) gmax = Math.max(gmax, Math.abs(g[j]!));
      if (gmax <= gtol) {
        converged = true;
        break;
      }
      this.direction();
      let slope = dot(g, d, p);
      if (!(slope < 0)) {
        this.stored = 0;
        for (let j = 0; j < p; j++) d[j] = -g[j]!;
        slope = -dot(g, g, p);
      }
      // Steepest descent (no pairs yet, or after a reset) tries a step of unit length first,
      // 1/max|g| (scipy's L-BFGS-B: min(1/|d|, 1e10) on its first iteration). Capping it at 1
      // stranded starts on plateaus with a tiny gradient, where a step of 1 does not change f
      // beyond its rounding.
      const first = this.stored === 0 ? Math.min(MAX_FIRST_STEP, 1 / gmax) : 1;
      let step = this.lineSearch(f, fx, slope, first);
      if (step === 0 && this.stored > 0) {
        this.stored = 0;
        for (let j = 0; j < p; j++) d[j] = -g[j]!;
        step = this.lineSearch(f, fx, -dot(g, g, p), Math.min(MAX_FIRST_STEP, 1 / gmax));
      }
      iterations++;
      if (step === 0) {
        // No acceptable step along steepest descent: a minimum to rounding, if the gradient is small.
        converged = gmax <= Math.sqrt(gtol);
        break;
      }
      const fNew = this.ft;
      const slot = (this.newest + 1) % this.m;
      let sy = 0;
      let yy = 0;
      for (let j = 0; j < p; j++) {
        const sj = this.xt[j]! - x[j]!;
        const yj = this.gt[j]! - g[j]!;
        this.s[slot * p + j] = sj;
        this.y[slot * p + j] = yj;
        sy += sj * yj;
        yy += yj * yj;
      }
      if (sy > 1e-12 * yy && yy > 0) {
        this.rho[slot] = 1 / sy;
        this.newest = slot;
        this.stored = Math.min(this.stored + 1, this.m);
      }
      x.set(this.xt);
      g.set(this.gt);
      const decrease = fx - fNew;
      fx = fNew;
      if (decrease <= ftol * Math.max(Math.abs(fx), 1e-300)) {
        converged = true;
        break;
      }
    }
    return { theta: Float64Array.from(x), objective: fx, iterations, converged };
  }

  /** d = -H g by the two-loop recursion over the stored pairs. */
  private direction(): void {
    const { p, m, d, g, s, y, rho, alpha } = this;
    for (let j = 0; j < p; j++) d[j] = g[j]!;
    let k = this.newest;
    for (let i = 0; i < this.stored; i++) {
      const a = rho[k]! * dotAt(s, k * p, d, p);
      alpha[k] = a;
      for (let j = 0; j < p; j++) d[j] = d[j]! - a * y[k * p + j]!;
      k = (k - 1 + m) % m;
    }
    if (this.stored > 0) {
      const n = this.newest;
      let yy = 0;
      for (let j = 0; j < p; j++) yy += y[n * p + j]! * y[n * p + j]!;
      const gamma = 1 / (rho[n]! * yy);
      for (let j = 0; j < p; j++) d[j] = d[j]! * gamma;
    }
    k = (this.newest - this.stored + 1 + m) % m;
    for (let i = 0; i < this.stored; i++) {
      const b = rho[k]! * dotAt(y, k * p, d, p);
      for (let j = 0; j < p; j++) d[j] = d[j]! + s[k * p + j]! * (alpha[k]! - b);
      k = (k + 1) % m;
    }
    for (let j = 0; j < p; j++) d[j] = -d[j]!;
  }

  /** Evaluates x + a d into xt, gt, ft; returns φ'(a) = ∇f(xt)·d. */
  private probe(f: ObjectiveWithGradient, a: number): number {
    const { p, x, d, xt, gt } = this;
    for (let j = 0; j < p; j++) xt[j] = x[j]! + a * d[j]!;
    this.ft = f(xt, gt);
    return dot(gt, d, p);
  }

  /** A step a satisfying the strong Wolfe conditions (xt, gt, ft hold its point), or 0. */
  private lineSearch(f: ObjectiveWithGradient, f0: number, slope0: number, first: number): number {
    let aPrev = 0;
    let fPrev = f0;
    let dPrev = slope0;
    let a = first;
    for (let i = 0; i < 40; i++) {
      const da = this.probe(f, a);
      const fa = this.ft;
      if (!Number.isFinite(fa) || !Number.isFinite(da)) {
        a = aPrev + (a - aPrev) / 4;
        continue;
      }
      if (fa > f0 + C1 * a * slope0 || (i > 0 && fa >= fPrev)) return this.zoom(f, f0, slope0, aPrev, fPrev, dPrev, a, fa, da);
      if (Math.abs(da) <= -C2 * slope0) return a;
      if (da >= 0) return this.zoom(f, f0, slope0, a, fa, da, aPrev, fPrev, dPrev);
      aPrev = a;
      fPrev = fa;
      dPrev = da;
      a *= 4;
    }
    return 0;
  }

  private zoom(
    f: ObjectiveWithGradient,
    f0: number,
    slope0: number,
    lo: number,
    fLo: number,
    dLo: number,
    hi: number,
    fHi: number,
    dHi: number,
  ): number {
    for (let i = 0; i < 40; i++) {
      const a = cubicMinimiser(lo, fLo, dLo, hi, fHi, dHi);
      const da = this.probe(f, a);
      const fa = this.ft;
      if (!Number.isFinite(fa) || fa > f0 + C1 * a * slope0 || fa >= fLo) {
        hi = a;
        fHi = Number.isFinite(fa) ? fa : Infinity;
        dHi = Number.isFinite(da) ? da : 0;
      } else {
        if (Math.abs(da) <= -C2 * slope0) return a;
        if (da * (hi - lo) >= 0) {
          hi = lo;
          fHi = fLo;
          dHi = dLo;
        }
        lo = a;
        fLo = fa;
        dLo = da;
      }
      if (Math.abs(hi - lo) <= 1e-16 * Math.max(Math.abs(lo), 1e-300)) break;
    }
    // The bracket collapsed: accept its low end when it lowers f (sufficient decrease holds).
    if (lo > 0 && fLo < f0) {
      this.probe(f, lo);
      return lo;
    }
    return 0;
  }
}
