/**
 * The Kaplan laws as least-squares problems in log space (residual ln L_hat − ln L), with
 * analytic Jacobians, and the map from the solver's θ to the paper's constants. Scale
 * constants are fitted as logarithms (c = ln Nc), so parameters of scale 1e13 move.
 */
import type { LeastSquaresProblem } from "./levenbergMarquardt.js";
import type { LogData } from "./logData.js";

export interface LogModel {
  /** Constant names, in θ order (DESIGN.md names). */
  names: readonly string[];
  /** Which θ components are logarithms of their constant (Nc = e^θ). */
  logScaled: readonly boolean[];
  problem(data: LogData): LeastSquaresProblem;
  /** ln L_hat at one point. */
  predictLn(theta: ArrayLike<number>, lnX: readonly number[]): number;
}

/**
 * L(X) = (Xc/X)^alphaX: ln L = alphaX (c − ln X), c = ln Xc. Kaplan et al. 2020 eqs. 1.1
 * (X = N), 1.2 (X = D), 1.3 (X = C_min in PF-days). θ = [alphaX, c].
 */
export function powerLawModel(alphaName: string, scaleName: string): LogModel {
  return {
    names: [alphaName, scaleName],
    logScaled: [false, true],
    predictLn: (theta, lnX) => theta[0]! * (theta[1]! - lnX[0]!),
    problem: (data) => {
      const lnX = data.lnX[0]!;
      const lnL = data.lnL;
      return {
        nParams: 2,
        nResiduals: lnL.length,
        evaluate(theta, r, jac) {
          const alpha = theta[0]!;
          const c = theta[1]!;
          for (let i = 0; i < lnL.length; i++) {
            r[i] = alpha * (c - lnX[i]!) - lnL[i]!;
            if (jac !== null) {
              jac[2 * i] = c - lnX[i]!;
              jac[2 * i + 1] = alpha;
            }
          }
        },
      };
    },
  };
}

/**
 * L(N,D) = [(Nc/N)^(alphaN/alphaD) + Dc/D]^alphaD, Kaplan et al. 2020 eq. 1.5:
 * ln L = alphaD ln(e^u + e^v), u = (alphaN/alphaD)(cN − ln N), v = cD − ln D.
 * θ = [alphaN, alphaD, cN, cD].
 */
export const kaplanNDModel: LogModel = {
  names: ["alphaN", "alphaD", "Nc", "Dc"],
  logScaled: [false, false, true, true],
  predictLn: (theta, lnX) => {
    const u = (theta[0]! / theta[1]!) * (theta[2]! - lnX[0]!);
    const v = theta[3]! - lnX[1]!;
    const top = Math.max(u, v);
    return theta[1]! * (top + Math.log(Math.exp(u - top) + Math.exp(v - top)));
  },
  problem: (data) => {
    const [lnN, lnD] = data.lnX as [Float64Array, Float64Array];
    const lnL = data.lnL;
    return {
      nParams: 4,
      nResiduals: lnL.length,
      evaluate(theta, r, jac) {
        const alphaN = theta[0]!;
        const alphaD = theta[1]!;
        const cN = theta[2]!;
        const cD = theta[3]!;
        const ratio = alphaN / alphaD;
        for (let i = 0; i < lnL.length; i++) {
          const dn = cN - lnN[i]!;
          const u = ratio * dn;
          const v = cD - lnD[i]!;
          const top = u > v ? u : v;
          const eu = Math.exp(u - top);
          const ev = Math.exp(v - top);
          const sum = eu + ev;
          const ls = top + Math.log(sum);
          r[i] = alphaD * ls - lnL[i]!;
          if (jac !== null) {
            const wu = eu / sum;
            const wv = ev / sum;
            jac[4 * i] = wu * dn;
            jac[4 * i + 1] = ls - wu * u;
            jac[4 * i + 2] = alphaN * wu;
            jac[4 * i + 3] = alphaD * wv;
          }
        }
      },
    };
  },
};

/**
 * L(N,S_min) = (Nc/N)^alphaN + (Sc/S_min)^alphaS, Kaplan et al. 2020 eq. 1.6.
 * θ = [alphaN, alphaS, cN, cS]; regressors [ln N, ln S_min].
 */
export const kaplanNSModel: LogModel = {
  names: ["alphaN", "alphaS", "Nc", "Sc"],
  logScaled: [false, false, true, true],
  predictLn: (theta, lnX) =>
    Math.log(Math.exp(theta[0]! * (theta[2]! - lnX[0]!)) + Math.exp(theta[1]! * (theta[3]! - lnX[1]!))),
  problem: (data) => {
    const [lnN, lnS] = data.lnX as [Float64Array, Float64Array];
    const lnL = data.lnL;
    return {
      nParams: 4,
      nResiduals: lnL.length,
      evaluate(theta, r, jac) {
        const alphaN = theta[0]!;
        const alphaS = theta[1]!;
        // Points come run by run, so ln N repeats: its term is computed once a run.
        let lastLnN = NaN;
        let dn = 0;
        let t1 = 0;
        for (let i = 0; i < lnL.length; i++) {
          if (lnN[i] !== lastLnN) {
            lastLnN = lnN[i]!;
            dn = theta[2]! - lastLnN;
            t1 = Math.exp(alphaN * dn);
          }
          const ds = theta[3]! - lnS[i]!;
          const t2 = Math.exp(alphaS * ds);
          const sum = t1 + t2;
          r[i] = Math.log(sum) - lnL[i]!;
          if (jac !== null) {
            jac[4 * i] = (t1 * dn) / sum;
            jac[4 * i + 1] = (t2 * ds) / sum;
            jac[4 * i + 2] = (t1 * alphaN) / sum;
            jac[4 * i + 3] = (t2 * alphaS) / sum;
          }
        }
      },
    };
  },
};

/**
 * B_crit(L) = Bstar / L^(1/alphaB), Kaplan et al. 2020 eq. 1.4, fitted in log space:
 * ln B_crit = c − ln L / alphaB, c = ln Bstar. θ = [c, alphaB]; the regressor is ln L and the
 * fitted quantity (LogData.lnL) is ln B_crit.
 */
export const bcritModel: LogModel = {
  names: ["Bstar", "alphaB"],
  logScaled: [true, false],
  predictLn: (theta, lnX) => theta[0]! - lnX[0]! / theta[1]!,
  problem: (data) => {
    const lnLoss = data.lnX[0]!;
    const lnB = data.lnL;
    return {
      nParams: 2,
      nResiduals: lnB.length,
      evaluate(theta, r, jac) {
        for (let i = 0; i < lnB.length; i++) {
          r[i] = theta[0]! - lnLoss[i]! / theta[1]! - lnB[i]!;
          if (jac !== null) {
            jac[2 * i] = 1;
            jac[2 * i + 1] = lnLoss[i]! / (theta[1]! * theta[1]!);
          }
        }
      },
    };
  },
};
