#!/usr/bin/env python3
"""Baseline: `scaling fit` on a learning-curve log, as a notebook with numpy + scipy would do it.

Reads the CSV (bench/baseline/read_curves.py: numpy.loadtxt, the fastest reader numpy has, by
default; --reader csv for the csv module), keeps at most --max-points points of each learning
curve evenly in log-step exactly as `scaling fit` does by default (src/io/streamThin.ts and
src/io/thin.ts, ported below), then fits each requested law by the objective `scaling fit` uses
(src/fit): least squares on ln L residuals in log space (scale constants as logarithms), with
scipy.optimize.least_squares (method "lm", analytic Jacobian), started from the closed-form
log-log regression.

  python3 fit_curves.py FILE.csv --law n[,...] [--max-points 500|all] [--reader loadtxt|csv]

Laws (the data each takes follows src/fit/lawData.ts and src/fit/curveData.ts, so that both
fit the same points by the same objective):
  n      L(N) = (Nc/N)^alphaN on the best (lowest) loss of each model size over all its runs and
         points: ln L = alphaN (c - ln N), c = ln Nc.
  bcrit  B_crit(L) = Bstar / L^(1/alphaB): for each model size with >= 3 batch sizes, 8 loss
         targets log-spaced between the lowest loss every run reaches (x 1.002) and the highest
         loss every run has passed after step 100; the steps each run needed (running minimum,
         log-log interpolation); S = S_min + E_min/B fitted in log space; B_crit = E_min/S_min;
         then ln B_crit = ln Bstar - ln L / alphaB by least squares.
  ns     L(N, S_min) = (Nc/N)^alphaN + (Sc/S_min)^alphaS on every point after step 100, with
         S_min = S / (1 + B_crit(L)/B) through the B_crit(L) fitted above (when bcrit is asked
         for first) or Kaplan's (Bstar 2.1e8, alphaB 0.21); least squares on ln L from the same
         9 starts as src/fit (alphaN in {0.05, 0.1, 0.3} x alphaS in {0.3, 0.76, 1.5}).
Prints {"rows", "runs", "seconds", "readSeconds", "fits": [{"law", "params", "objective"}]}.
"""
import argparse
import json
import math
import sys
import time

import numpy as np
from scipy.optimize import least_squares

from read_curves import read_csv_module, read_loadtxt


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


MIN_STEP = 100


def lm(residuals, jacobian, x0):
    return least_squares(residuals, x0, jac=jacobian, method="lm", xtol=1e-15, ftol=1e-15, gtol=1e-15)


def steps_to_reach(steps, loss, target):
    running = np.minimum.accumulate(loss)
    hit = np.flatnonzero((running <= target) & (steps > 0))
    if len(hit) == 0:
        return None
    i = hit[0]
    if i == 0 or steps[i - 1] <= 0:
        return steps[i]
    previous, best = running[i - 1], running[i]
    t = (np.log(previous) - np.log(target)) / (np.log(previous) - np.log(best))
    return np.exp(np.log(steps[i - 1]) + t * (np.log(steps[i]) - np.log(steps[i - 1])))


def min_steps_and_tokens(batch, needed):
    batch = np.asarray(batch, dtype=float)
    needed = np.asarray(needed, dtype=float)
    slope, intercept = np.polyfit(1 / batch, needed, 1)
    x0 = np.log([max(intercept, 1e-3 * needed.min()), max(slope, 1e-3 * needed.min() * batch.min())])
    ln_s = np.log(needed)

    def residuals(theta):
        return np.log(np.exp(theta[0]) + np.exp(theta[1]) / batch) - ln_s

    def jacobian(theta):
        model = np.exp(theta[0]) + np.exp(theta[1]) / batch
        return np.column_stack([np.exp(theta[0]) / model, np.exp(theta[1]) / batch / model])

    res = lm(residuals, jacobian, x0)
    if not res.success:
        return None
    return np.exp(res.x[0]), np.exp(res.x[1])


def fit_bcrit(runs):
    by_size = {}
    for (name, params, batch), run in runs.items():
        if len(run["loss"]) > 1:
            by_size.setdefault(params, []).append((batch, run))
    ln_loss, ln_bcrit = [], []
    for curves in by_size.values():
        if len({b for b, _ in curves}) < 3:
            continue
        upper = min(run["loss"][run["steps"] >= MIN_STEP].max() for _, run in curves)
        lower = max(run["loss"].min() for _, run in curves)
        if not upper > lower:
            continue
        for k in range(8):
            target = np.exp(np.log(lower * 1.002) + ((k + 0.5) / 8) * (np.log(upper) - np.log(lower * 1.002)))
            needed = [steps_to_reach(run["steps"], run["loss"], target) for _, run in curves]
            if any(n is None for n in needed):
                continue
            fit = min_steps_and_tokens([b for b, _ in curves], needed)
            if fit is None:
                continue
            ln_loss.append(np.log(target))
            ln_bcrit.append(np.log(fit[1] / fit[0]))
    ln_loss = np.array(ln_loss)
    ln_bcrit = np.array(ln_bcrit)
    k1, k0 = np.polyfit(ln_loss, ln_bcrit, 1)
    x0 = np.array([k0, -1 / k1 if k1 < 0 else 0.2])

    def residuals(theta):
        return theta[0] - ln_loss / theta[1] - ln_bcrit

    def jacobian(theta):
        return np.column_stack([np.ones_like(ln_loss), ln_loss / theta[1] ** 2])

    res = lm(residuals, jacobian, x0)
    return {"law": "bcrit", "params": {"Bstar": float(np.exp(res.x[0])), "alphaB": float(res.x[1])}, "objective": float(np.sum(res.fun ** 2)), "points": int(len(ln_loss))}


KAPLAN_BCRIT = {"Bstar": 2.1e8, "alphaB": 0.21}


def fit_ns(runs, bcrit):
    ln_n, ln_s, ln_l = [], [], []
    for (name, params, batch), run in runs.items():
        keep = (run["steps"] >= MIN_STEP) & (run["loss"] > 0)
        loss = run["loss"][keep]
        s_min = run["steps"][keep] / (1 + bcrit["Bstar"] / loss ** (1 / bcrit["alphaB"]) / batch)
        ln_n.append(np.full(len(loss), np.log(params)))
        ln_s.append(np.log(s_min))
        ln_l.append(np.log(loss))
    ln_n, ln_s, ln_l = np.concatenate(ln_n), np.concatenate(ln_s), np.concatenate(ln_l)

    def residuals(theta):
        return np.log(np.exp(theta[0] * (theta[2] - ln_n)) + np.exp(theta[1] * (theta[3] - ln_s))) - ln_l

    def jacobian(theta):
        dn = theta[2] - ln_n
        ds = theta[3] - ln_s
        t1 = np.exp(theta[0] * dn)
        t2 = np.exp(theta[1] * ds)
        total = t1 + t2
        return np.column_stack([t1 * dn / total, t2 * ds / total, t1 * theta[0] / total, t2 * theta[1] / total])

    mean_l = ln_l.mean()
    best = None
    for alpha_n in (0.05, 0.1, 0.3):
        for alpha_s in (0.3, 0.76, 1.5):
            x0 = np.array([alpha_n, alpha_s, mean_l / alpha_n + ln_n.mean(), mean_l / alpha_s + ln_s.mean()])
            res = lm(residuals, jacobian, x0)
            if res.success and np.isfinite(res.cost) and (best is None or res.cost < best.cost):
                best = res
    alpha_n, alpha_s, c_n, c_s = best.x
    params = {"alphaN": float(alpha_n), "alphaS": float(alpha_s), "Nc": float(np.exp(c_n)), "Sc": float(np.exp(c_s))}
    return {"law": "ns", "params": params, "objective": float(np.sum(best.fun ** 2)), "points": int(len(ln_l))}


def log_spaced(x, candidates, max_points):
    """src/io/thin.ts logSpaced: for each of max_points targets evenly in log x, the nearest candidate."""
    if max_points <= 1:
        return [candidates[-1]]
    offset = 0 if x[candidates[0]] > 0 else 1

    def position(i):
        return math.log(max(0.0, x[i]) + offset)

    lo, hi = position(candidates[0]), position(candidates[-1])
    chosen = []
    c = 0
    for k in range(max_points):
        target = lo + ((hi - lo) * k) / (max_points - 1)
        while c + 1 < len(candidates) and abs(position(candidates[c + 1]) - target) <= abs(position(candidates[c]) - target):
            c += 1
        if not chosen or chosen[-1] != candidates[c]:
            chosen.append(candidates[c])
    return chosen


def thin(run, max_points):
    """`scaling fit`'s --max-points (src/io/streamThin.ts, then src/io/thin.ts): of each bin
    floor(4n log10 step) the smallest step, and the largest step; then n of those evenly in log-step."""
    steps = run["steps"]
    if max_points is None or len(steps) <= 1:
        return run
    order = np.argsort(steps, kind="stable")
    s = steps[order]
    with np.errstate(divide="ignore"):
        bins = np.where(s > 0, np.floor(4 * max_points * np.log10(s)), -np.inf)
    _, first = np.unique(bins, return_index=True)
    top = int(np.argmax(s == s[-1]))
    survivors = order[np.union1d(first, [top])]
    keep = survivors
    if len(survivors) > max_points:
        keep = survivors[log_spaced(steps[survivors], list(range(len(survivors))), max_points)]
    loss = run["loss"][keep]
    return {"steps": steps[keep], "tokens": run["tokens"][keep], "loss": loss, "final": loss[-1], "best": loss.min()}


def fit_laws(runs, laws):
    fits = []
    bcrit = KAPLAN_BCRIT
    # As src/fit/fitLaws.ts: bcrit first, so ns uses the fitted B_crit(L).
    for law in sorted(laws, key=lambda l: l != "bcrit"):
        if law == "n":
            fits.append(fit_n(runs))
        elif law == "bcrit":
            fit = fit_bcrit(runs)
            bcrit = fit["params"]
            fits.append(fit)
        elif law == "ns":
            fits.append(fit_ns(runs, bcrit))
        else:
            raise SystemExit(f"unknown law {law}")
    return fits


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--law", required=True)
    parser.add_argument("--max-points", default="500", help="points kept a curve, as scaling fit's --max-points (all: every point)")
    parser.add_argument("--reader", choices=["loadtxt", "csv"], default="loadtxt")
    args = parser.parse_args()
    max_points = None if args.max_points == "all" else int(args.max_points)
    t0 = time.perf_counter()
    runs, rows = (read_loadtxt if args.reader == "loadtxt" else read_csv_module)(args.file)
    runs = {key: thin(run, max_points) for key, run in runs.items()}
    t1 = time.perf_counter()
    fits = fit_laws(runs, args.law.split(","))
    t2 = time.perf_counter()
    json.dump({"rows": rows, "runs": len(runs), "points": int(sum(len(run["loss"]) for run in runs.values())), "readSeconds": t1 - t0, "fitSeconds": t2 - t1, "seconds": t2 - t0, "fits": fits}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
