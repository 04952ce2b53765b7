/**
 * The Chinchilla model's residuals ln L_hat − ln L as a least-squares problem,
 * ln L_hat = LSE(a − alpha ln N, b − beta ln D, e), θ = [a, b, e, alpha, beta]: used for
 * standard errors at the Huber optimum (inverse(JᵀJ)·s²), not for the fit itself.
 */
import type { LeastSquaresProblem } from "./levenbergMarquardt.js";
import type { LogData } from "./logData.js";

export function lseProblem(data: LogData): LeastSquaresProblem {
  const [lnN, lnD] = data.lnX as [Float64Array, Float64Array];
  const lnL = data.lnL;
  return {
    nParams: 5,
    nResiduals: lnL.length,
    evaluate(theta, r, jac) {
      for (let i = 0; i < lnL.length; i++) {
        const t1 = theta[0]! - theta[3]! * lnN[i]!;
        const t2 = theta[1]! - theta[4]! * lnD[i]!;
        const e = theta[2]!;
        const top = Math.max(t1, t2, e);
        const e1 = Math.exp(t1 - top);
        const e2 = Math.exp(t2 - top);
        const e3 = Math.exp(e - top);
        const sum = e1 + e2 + e3;
        r[i] = top + Math.log(sum) - lnL[i]!;
        if (jac !== null) {
          jac[5 * i] = e1 / sum;
          jac[5 * i + 1] = e2 / sum;
          jac[5 * i + 2] = e3 / sum;
          jac[5 * i + 3] = (-e1 * lnN[i]!) / sum;
          jac[5 * i + 4] = (-e2 * lnD[i]!) / sum;
        }
      }
    },
  };
}
