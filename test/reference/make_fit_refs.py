"""Reference optima for the fit tests, computed independently with scipy.optimize.

Run once: python3 test/reference/make_fit_refs.py > test/reference/fit_refs.json
The data are generated here, deterministically (numpy seed), and committed with the results:
the tests (test/fit/scipyAgreement.test.ts) fit the same points and never need Python.

- n, d: L(X) = (Xc/X)^alpha, least squares of ln L residuals, theta = [alpha, ln Xc]
  (scipy.optimize.least_squares, method "lm", tight tolerances).
- nd: Kaplan eq. 1.5, ln L = alphaD ln((Nc/N)^(alphaN/alphaD) + Dc/D), theta = [alphaN,
  alphaD, ln Nc, ln Dc], least_squares "lm" from a grid of starts, best kept.
- chinchilla: Hoffmann Approach 3: sum of Huber(1e-3) of LSE(a - alpha ln N, b - beta ln D, e)
  - ln L, scipy.optimize.minimize L-BFGS-B with the analytic gradient from Hoffmann's grid
  (4,500 starts), best kept, then polished with tight tolerances.
Objectives are reported as in the TypeScript fitter: sum of squares (not half) for least
squares, the plain sum of Huber terms for chinchilla.
"""
import itertools
import json
import math

import numpy as np
import scipy
from scipy.optimize import least_squares, minimize

rng = np.random.default_rng(20240601)


def grid(a, b, k):
    return list(np.geomspace(a, b, k))


def best_lm(res, jac, starts, **options):
    """scipy's Levenberg-Marquardt from each start; the lowest finite cost wins (x, 2*cost)."""
    best = None
    for start in starts:
        try:
            r = least_squares(res, start, jac=jac, method="lm", xtol=1e-15, ftol=1e-15, gtol=1e-15, **options)
        except Exception:
            continue
        if np.isfinite(r.cost) and (best is None or r.cost < best.cost):
            best = r
    return best.x, float(2 * best.cost)


def power_refs(x, loss):
    lx, ll = np.log(x), np.log(loss)
    res = lambda t: t[0] * (t[1] - lx) - ll
    jac = lambda t: np.stack([t[1] - lx, np.full_like(lx, t[0])], axis=1)
    return best_lm(res, jac, ([0.1, 30.0], [0.05, 40.0], [0.3, 25.0]))


def nd_refs(n, d, loss):
    ln, ld, ll = np.log(n), np.log(d), np.log(loss)

    def res(t):
        u = (t[0] / t[1]) * (t[2] - ln)
        v = t[3] - ld
        return t[1] * np.logaddexp(u, v) - ll

    def jac(t):
        dn = t[2] - ln
        u = (t[0] / t[1]) * dn
        v = t[3] - ld
        ls = np.logaddexp(u, v)
        wu, wv = np.exp(u - ls), np.exp(v - ls)
        return np.stack([wu * dn, ls - wu * u, t[0] * wu, t[1] * wv], axis=1)

    starts = [[an, ad, ll.mean() / an + ln.mean(), ll.mean() / ad + ld.mean()]
              for an, ad in itertools.product([0.05, 0.1, 0.3], [0.05, 0.1, 0.3])]
    return best_lm(res, jac, starts, max_nfev=20000)


def huber_lse(t, ln, ld, ll, delta=1e-3):
    a, b, e, al, be = t
    terms = np.stack([a - al * ln, b - be * ld, np.full_like(ln, e)])
    lse = scipy.special.logsumexp(terms, axis=0)
    r = lse - ll
    absr = np.abs(r)
    f = np.where(absr <= delta, 0.5 * r * r, delta * (absr - 0.5 * delta)).sum()
    psi = np.clip(r, -delta, delta)
    w = np.exp(terms - lse)
    g = np.array([(psi * w[0]).sum(), (psi * w[1]).sum(), (psi * w[2]).sum(), -(psi * w[0] * ln).sum(), -(psi * w[1] * ld).sum()])
    return f, g


def chinchilla_refs(n, d, loss):
    ln, ld, ll = np.log(n), np.log(d), np.log(loss)
    best = None
    for al, be, e, a, b in itertools.product(np.arange(0, 2.01, 0.5), np.arange(0, 2.01, 0.5), np.arange(-1, 1.01, 0.5), np.arange(0, 25.01, 5), np.arange(0, 25.01, 5)):
        r = minimize(huber_lse, [a, b, e, al, be], args=(ln, ld, ll), jac=True, method="L-BFGS-B")
        if r.success and (best is None or r.fun < best.fun):
            best = r
    polished = minimize(huber_lse, best.x, args=(ln, ld, ll), jac=True, method="L-BFGS-B", options={"ftol": 1e-15, "gtol": 1e-13, "maxiter": 10000})
    x = polished.x if polished.fun <= best.fun else best.x
    fun = min(polished.fun, best.fun)
    return x, float(fun)


def ns_refs(ln, ls, ll):
    def res(t):
        return np.log(np.exp(t[0] * (t[2] - ln)) + np.exp(t[1] * (t[3] - ls))) - ll

    def jac(t):
        dn, ds = t[2] - ln, t[3] - ls
        t1, t2 = np.exp(t[0] * dn), np.exp(t[1] * ds)
        s = t1 + t2
        return np.stack([t1 * dn / s, t2 * ds / s, t1 * t[0] / s, t2 * t[1] / s], axis=1)

    starts = [[an, as_, ll.mean() / an + ln.mean(), ll.mean() / as_ + ls.mean()]
              for an, as_ in itertools.product([0.05, 0.1, 0.3], [0.3, 0.76, 1.5])]
    return best_lm(res, jac, starts, max_nfev=20000)


def bcrit_refs(lloss, lb):
    res = lambda t: t[0] - lloss / t[1] - lb
    jac = lambda t: np.stack([np.ones_like(lloss), lloss / t[1] ** 2], axis=1)
    r = least_squares(res, [math.log(2e8), 0.21], jac=jac, method="lm", xtol=1e-15, ftol=1e-15, gtol=1e-15)
    return r.x, float(2 * r.cost)


def main():
    refs = {"scipy": scipy.__version__, "numpy": np.__version__}
    # L(N): one best loss per size, Kaplan eq. 1.1 constants, 1% log-normal noise.
    n = np.array(grid(1e6, 1e9, 8))
    loss = (8.8e13 / n) ** 0.076 * np.exp(rng.normal(0, 0.01, n.size))
    t, obj = power_refs(n, loss)
    refs["n"] = {"data": {"params": n.tolist(), "loss": loss.tolist()}, "params": {"alphaN": t[0], "Nc": math.exp(t[1])}, "objective": obj}
    # L(D): the largest model's loss against tokens.
    dd = np.array(grid(1e8, 1e11, 10))
    loss = (5.4e13 / dd) ** 0.095 * np.exp(rng.normal(0, 0.01, dd.size))
    t, obj = power_refs(dd, loss)
    refs["d"] = {"data": {"tokens": dd.tolist(), "loss": loss.tolist()}, "params": {"alphaD": t[0], "Dc": math.exp(t[1])}, "objective": obj}
    # L(N,D): 6 sizes x 5 token counts, Table 2 constants, 0.5% noise.
    nn, dd = np.meshgrid(grid(1e6, 1e9, 6), grid(1e8, 1e11, 5), indexing="ij")
    nn, dd = nn.ravel(), dd.ravel()
    loss = ((6.4e13 / nn) ** (0.076 / 0.103) + 1.8e13 / dd) ** 0.103 * np.exp(rng.normal(0, 0.005, nn.size))
    t, obj = nd_refs(nn, dd, loss)
    refs["nd"] = {
        "data": {"params": nn.tolist(), "tokens": dd.tolist(), "loss": loss.tolist()},
        "params": {"alphaN": t[0], "alphaD": t[1], "Nc": math.exp(t[2]), "Dc": math.exp(t[3])},
        "objective": obj,
    }
    # Chinchilla: 6 sizes x 5 token counts, Epoch's constants, 1% noise.
    nn, dd = np.meshgrid(grid(4e7, 1.6e10, 6), grid(1e9, 3e11, 5), indexing="ij")
    nn, dd = nn.ravel(), dd.ravel()
    loss = (1.82 + 482.01 / nn**0.3478 + 2085.43 / dd**0.3658) * np.exp(rng.normal(0, 0.01, nn.size))
    t, obj = chinchilla_refs(nn, dd, loss)
    refs["chinchilla"] = {
        "data": {"params": nn.tolist(), "tokens": dd.tolist(), "loss": loss.tolist()},
        "params": {"E": math.exp(t[2]), "A": math.exp(t[0]), "B": math.exp(t[1]), "alpha": t[3], "beta": t[4]},
        "objective": obj,
    }
    # L(N, S_min): 5 sizes x 12 S_min values (given directly), Table 3 constants, 0.5% noise.
    nn, ss = np.meshgrid(grid(1e6, 1e9, 5), grid(1e3, 1e5, 12), indexing="ij")
    nn, ss = nn.ravel(), ss.ravel()
    loss = ((6.5e13 / nn) ** 0.077 + (2.1e3 / ss) ** 0.76) * np.exp(rng.normal(0, 0.005, nn.size))
    t, obj = ns_refs(np.log(nn), np.log(ss), np.log(loss))
    refs["ns"] = {
        "data": {"params": nn.tolist(), "minSteps": ss.tolist(), "loss": loss.tolist()},
        "params": {"alphaN": t[0], "alphaS": t[1], "Nc": math.exp(t[2]), "Sc": math.exp(t[3])},
        "objective": obj,
    }
    # B_crit(L): 10 loss targets, eq. 1.4 constants, 5% noise on B_crit.
    lossb = np.array(grid(2.5, 6.0, 10))
    bcrit = 2e8 / lossb ** (1 / 0.21) * np.exp(rng.normal(0, 0.05, lossb.size))
    t, obj = bcrit_refs(np.log(lossb), np.log(bcrit))
    refs["bcrit"] = {"data": {"loss": lossb.tolist(), "bcrit": bcrit.tolist()}, "params": {"Bstar": math.exp(t[0]), "alphaB": t[1]}, "objective": obj}
    print(json.dumps(refs, indent=1))


if __name__ == "__main__":
    main()
