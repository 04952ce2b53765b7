#!/usr/bin/env python3
"""Baseline: Chinchilla Approach 3 as the published replication runs it, with scipy.

Hoffmann et al. 2022, Approach 3, as replicated by Besiroglu et al. 2024 (Epoch,
data_analysis.ipynb cell 18; recipe transcribed in shared/data/epoch_chinchilla_fig4/SOURCE.md):
minimise the SUM over points of Huber_delta(LSE(a - alpha ln N, b - beta ln D, e) - ln L),
delta = 1e-3, with scipy.optimize.minimize(method="L-BFGS-B") from every point of the grid
alpha, beta in {0, 0.5, ..., 2}, e in {-1, -0.5, ..., 1}, a, b in {0, 5, ..., 25} (4,500 starts),
keeping the successful run with the lowest objective. A = e^a, B = e^b, E = e^e.

  python3 chinchilla_grid.py FILE.csv --grad numeric|analytic [--starts K] [--seed S] [--blas-threads T]

--grad numeric: no jac (scipy's finite-difference gradient, as the replication runs it).
--grad analytic: jac=True with the exact gradient of the same objective.
--starts K: a seeded random subset of K grid points (0 = all 4,500): the full numeric grid
takes ~23 minutes on these machines, so the bench times a subset and scales per start.
--blas-threads T: OpenBLAS (and OpenMP/MKL) limited to T threads, set before numpy loads. By
default numpy's OpenBLAS uses every core; on these 2-core machines its threads cost the
optimiser 5-10x in wall time over one thread (L-BFGS-B's small BLAS/LAPACK calls), and far
more CPU time. The bench times both: the default is how the replication runs.
Prints one JSON document on stdout: the best theta, constants, objective, wall and CPU seconds
in the fit, and the indices (in grid order alpha, beta, e, a, b) of the starts used.
"""
import argparse
import csv
import itertools
import json
import os
import sys
import time


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--grad", choices=["numeric", "analytic"], required=True)
    parser.add_argument("--starts", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--blas-threads", type=int, default=0)
    return parser.parse_args()


ARGS = parse_args() if __name__ == "__main__" else None
if ARGS is not None and ARGS.blas_threads > 0:
    # Read by OpenBLAS when numpy loads it, so set before the import below.
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = str(ARGS.blas_threads)

import numpy as np  # noqa: E402
from scipy.optimize import minimize  # noqa: E402
from scipy.special import huber, logsumexp  # noqa: E402

DELTA = 1e-3


def read_points(path):
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    n = np.array([float(r["params"]) for r in rows])
    d = np.array([float(r["tokens"]) for r in rows])
    loss = np.array([float(r["loss"]) for r in rows])
    return np.log(n), np.log(d), np.log(loss)


def grid():
    alphas = np.arange(0, 2.5, 0.5)
    betas = np.arange(0, 2.5, 0.5)
    es = np.arange(-1, 1.5, 0.5)
    As = np.arange(0, 30, 5)
    Bs = np.arange(0, 30, 5)
    # theta = [a, b, e, alpha, beta]
    return [np.array([a, b, e, alpha, beta], dtype=float) for alpha, beta, e, a, b in itertools.product(alphas, betas, es, As, Bs)]


def objective_numeric(theta, ln_n, ln_d, ln_l):
    a, b, e, alpha, beta = theta
    pred = logsumexp([a - alpha * ln_n, b - beta * ln_d, np.full_like(ln_n, e)], axis=0)
    return np.sum(huber(DELTA, pred - ln_l))


def objective_analytic(theta, ln_n, ln_d, ln_l):
    a, b, e, alpha, beta = theta
    t = np.stack([a - alpha * ln_n, b - beta * ln_d, np.full_like(ln_n, e)])
    top = t.max(axis=0)
    w = np.exp(t - top)
    s = w.sum(axis=0)
    r = top + np.log(s) - ln_l
    f = np.sum(huber(DELTA, r))
    psi = np.clip(r, -DELTA, DELTA)
    w = w * (psi / s)
    grad = np.array([w[0].sum(), w[1].sum(), w[2].sum(), -(w[0] * ln_n).sum(), -(w[1] * ln_d).sum()])
    return f, grad


def main():
    args = ARGS
    ln_n, ln_d, ln_l = read_points(args.file)
    starts = grid()
    indices = list(range(len(starts)))
    if args.starts and args.starts < len(starts):
        indices = sorted(int(i) for i in np.random.default_rng(args.seed).choice(len(starts), size=args.starts, replace=False))
        starts = [starts[i] for i in indices]
    t0 = time.perf_counter()
    c0 = time.process_time()
    best = None
    successes = 0
    objectives = []
    for x0 in starts:
        if args.grad == "numeric":
            res = minimize(objective_numeric, x0, args=(ln_n, ln_d, ln_l), method="L-BFGS-B")
        else:
            res = minimize(objective_analytic, x0, args=(ln_n, ln_d, ln_l), method="L-BFGS-B", jac=True)
        if res.success:
            successes += 1
            objectives.append(float(res.fun))
            if best is None or res.fun < best.fun:
                best = res
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - c0
    if best is None:
        print("no start converged", file=sys.stderr)
        sys.exit(1)
    a, b, e, alpha, beta = (float(v) for v in best.x)
    at_optimum = sum(1 for v in objectives if v <= best.fun * (1 + 1e-6))
    json.dump(
        {
            "grad": args.grad,
            "blasThreads": args.blas_threads or None,
            "starts": len(starts),
            "successes": successes,
            "startsAtOptimum": at_optimum,
            "seconds": seconds,
            "secondsPerStart": seconds / len(starts),
            "cpuSeconds": cpu_seconds,
            "indices": indices,
            "objective": float(best.fun),
            "theta": [a, b, e, alpha, beta],
            "params": {"E": float(np.exp(e)), "A": float(np.exp(a)), "B": float(np.exp(b)), "alpha": alpha, "beta": beta},
        },
        sys.stdout,
    )
    print()


if __name__ == "__main__":
    main()
