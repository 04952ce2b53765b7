/**
 * Hoffmann et al. 2022, Approach 3 objective (laws.md, "Fit"): Σ_i Huber_δ(LSE(a − α ln N_i,
 * b − β ln D_i, e) − ln L_i), with A = e^a, B = e^b, E = e^e, and its analytic gradient.
 * Parameter vector x = [a, b, e, alpha, beta]. ln N, ln D and ln L are precomputed; the loop
 * uses Math.exp (about 2× faster than `**`, shared/LIBRARIES.md), two exps and one log a
 * point, and allocates nothing.
 */
import type { ObjectiveWithGradient } from "./lbfgs.js";

/** Huber loss: ½ r² for |r| ≤ δ, δ(|r| − ½ δ) beyond. */
export function huber(residual: number, delta: number): number {
  const size = Math.abs(residual);
  return size <= delta ? 0.5 * residual * residual : delta * (size - 0.5 * delta);
}

export function huberLseObjective(lnN: Float64Array, lnD: Float64Array, lnL: Float64Array, delta: number): ObjectiveWithGradient {
  const count = lnL.length;
  return (x, gradient) => {
    const a = x[0]!;
    const b = x[1]!;
    const e = x[2]!;
    const alpha = x[3]!;
    const beta = x[4]!;
    let f = 0;
    let ga = 0;
    let gb = 0;
    let ge = 0;
    let gAlpha = 0;
    let gBeta = 0;
    // Fast path: E = e^e once, two exps and a log a point; where a sum overflows, the
    // max-shifted form below takes over.
    const expE = Math.exp(e);
    for (let i = 0; i < count; i++) {
      const ln = lnN[i]!;
      const ld = lnD[i]!;
      const t1 = a - alpha * ln;
      const t2 = b - beta * ld;
      let e1 = Math.exp(t1);
      let e2 = Math.exp(t2);
      let e3 = expE;
      let sum = e1 + e2 + e3;
      let r: number;
      if (sum < 1e300 && sum > 1e-300) {
        r = Math.log(sum) - lnL[i]!;
      } else {
        const top = t1 > t2 ? (t1 > e ? t1 : e) : t2 > e ? t2 : e;
        e1 = Math.exp(t1 - top);
        e2 = Math.exp(t2 - top);
        e3 = Math.exp(e - top);
        sum = e1 + e2 + e3;
        r = top + Math.log(sum) - lnL[i]!;
      }
      let psi: number;
      if (r > delta) {
        f += delta * (r - 0.5 * delta);
        psi = delta;
      } else if (r < -delta) {
        f += delta * (-r - 0.5 * delta);
        psi = -delta;
      } else {
        f += 0.5 * r * r;
        psi = r;
      }
      const w = psi / sum;
      const w1 = w * e1;
      const w2 = w * e2;
      ga += w1;
      gAlpha -= w1 * ln;
      gb += w2;
      gBeta -= w2 * ld;
      ge += w * e3;
    }
    gradient[0] = ga;
    gradient[1] = gb;
    gradient[2] = ge;
    gradient[3] = gAlpha;
    gradient[4] = gBeta;
    return f;
  };
}
