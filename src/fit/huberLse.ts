/**
 * Hoffmann et al. 2022, Approach 3 objective (laws.md, "Fit"): Σ_i Huber_δ(LSE(a − α ln N_i,
 * b − β ln D_i, e) − ln L_i), with A = e^a, B = e^b, E = e^e, and its analytic gradient.
 * Parameter vector x = [a, b, e, alpha, beta]. ln N, ln D and ln L are precomputed; the grid fit
 * spends nearly all its time here (issue 7), so an evaluation computes A/N^α once per distinct
 * N and B/D^β once per distinct D (Chinchilla's 240 points have 140 model sizes) with fastExp
 * (fastExp.ts, within 2 ulp of Math.exp), then the residual's log by a short series where the
 * model is within 10% of the data (Math.log elsewhere), and allocates nothing.
 */
import { fastExp } from "./fastExp.js";
import type { ObjectiveWithGradient } from "./lbfgs.js";

/** Huber loss: ½ r² for |r| ≤ δ, δ(|r| − ½ δ) beyond. */
export function huber(residual: number, delta: number): number {
  const size = Math.abs(residual);
  return size <= delta ? 0.5 * residual * residual : delta * (size - 0.5 * delta);
}

/** The distinct values of `values` (first-seen order) and, for each value, its place among them. */
export function distinctValues(values: Float64Array): { distinct: Float64Array; index: Int32Array } {
  const seen = new Map<number, number>();
  const index = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let slot = seen.get(values[i]!);
    if (slot === undefined) {
      slot = seen.size;
      seen.set(values[i]!, slot);
    }
    index[i] = slot;
  }
  return { distinct: Float64Array.from(seen.keys()), index };
}

/** |(q − 1)/(q + 1)| below which ln q is summed as a series: q within about 10% of 1. */
const ATANH_SERIES_MAX = 0.05;

export function huberLseObjective(lnN: Float64Array, lnD: Float64Array, lnL: Float64Array, delta: number): ObjectiveWithGradient {
  const count = lnL.length;
  const byN = distinctValues(lnN);
  const byD = distinctValues(lnD);
  const termN = new Float64Array(byN.distinct.length);
  const termD = new Float64Array(byD.distinct.length);
  const inverseL = lnL.map((value) => Math.exp(-value));
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
    // Fast path: A/N^α = e^(a − α ln N) per distinct N, B/D^β likewise, E = e^e once, and a log
    // a point; where a sum overflows or underflows, the max-shifted form below takes over.
    const distinctN = byN.distinct;
    for (let k = 0; k < termN.length; k++) termN[k] = fastExp(a - alpha * distinctN[k]!);
    const distinctD = byD.distinct;
    for (let k = 0; k < termD.length; k++) termD[k] = fastExp(b - beta * distinctD[k]!);
    const indexN = byN.index;
    const indexD = byD.index;
    const expE = Math.exp(e);
    for (let i = 0; i < count; i++) {
      const ln = lnN[i]!;
      const ld = lnD[i]!;
      let e1 = termN[indexN[i]!]!;
      let e2 = termD[indexD[i]!]!;
      let e3 = expE;
      let sum = e1 + e2 + e3;
      let r: number;
      // r = ln q, q = sum/L. Within about 10% of the data, 2 atanh(s), s = (q − 1)/(q + 1), by
      // its series to s^11 (the next term is < 2e-18): no call into Math.log, for about 3/4 of
      // the points over Hoffmann's grid. An infinite or zero sum makes s NaN or −1: Math.log.
      const q = sum * inverseL[i]!;
      const s = (q - 1) / (q + 1);
      if (s < ATANH_SERIES_MAX && s > -ATANH_SERIES_MAX) {
        const s2 = s * s;
        r = 2 * s * (1 + s2 * (1 / 3 + s2 * (1 / 5 + s2 * (1 / 7 + s2 * (1 / 9 + s2 / 11)))));
      } else if (sum < 1e300 && sum > 1e-300) {
        r = Math.log(sum) - lnL[i]!;
      } else {
        const t1 = a - alpha * ln;
        const t2 = b - beta * ld;
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
