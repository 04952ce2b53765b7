#!/usr/bin/env python3
"""Baseline: `scaling fit` on a learning-curve log, as a notebook with numpy + scipy would do it.

Reads the CSV with the csv module (bench/baseline/read_curves.py, the pipeline a user writes
first), then fits each requested law by the objective `scaling fit` uses (src/fit): least
squares on ln L residuals in log space (scale constants as logarithms), with
scipy.optimize.least_squares (method "lm", analytic Jacobian), started from the closed-form
log-log regression.

  python3 fit_curves.py FILE.csv --law n[,...]

Laws:
  n  L(N) = (Nc/N)^alphaN on the best (lowest) loss of each model size over all its runs and
     points (src/fit/lawData.ts dataN): ln L = alphaN (c - ln N), c = ln Nc.
Prints {"rows", "runs", "seconds", "readSeconds", "fits": [{"law", "params", "objective"}]}.
"""
import argparse
import json
import sys
import time

import numpy as np
from scipy.optimize import least_squares

from read_curves import read_csv_module


def data_n(runs):
    best = {}
    for (name, params, batch), run in runs.items():
        if params > 0 and run["final"] > 0:
            if params not in best or run["best"] < best[params]:
                best[params] = run["best"]
    sizes = np.array(sorted(best))
    return np.log(sizes), np.log(np.array([best[n] for n in sizes]))


def fit_n(runs):
    ln_n, ln_l = data_n(runs)
    k1, k0 = np.polyfit(ln_n, ln_l, 1)
    alpha0 = -k1
    x0 = np.array([alpha0, k0 / alpha0])

    def residuals(theta):
        return theta[0] * (theta[1] - ln_n) - ln_l

    def jacobian(theta):
        return np.column_stack([theta[1] - ln_n, np.full_like(ln_n, theta[0])])

    res = least_squares(residuals, x0, jac=jacobian, method="lm", xtol=1e-15, ftol=1e-15, gtol=1e-15)
    alpha, c = res.x
    return {"law": "n", "params": {"alphaN": float(alpha), "Nc": float(np.exp(c))}, "objective": float(np.sum(res.fun ** 2)), "points": int(len(ln_l))}


FITS = {"n": fit_n}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--law", required=True)
    args = parser.parse_args()
    t0 = time.perf_counter()
    runs, rows = read_csv_module(args.file)
    t1 = time.perf_counter()
    fits = [FITS[law](runs) for law in args.law.split(",")]
    t2 = time.perf_counter()
    json.dump({"rows": rows, "runs": len(runs), "readSeconds": t1 - t0, "fitSeconds": t2 - t1, "seconds": t2 - t0, "fits": fits}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
