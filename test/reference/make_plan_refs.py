"""Reference values for the planner tests, computed independently with scipy.

Run once: python3 test/reference/make_plan_refs.py > test/reference/plan_refs.json
Tests read the JSON; they never need Python.

- chinchilla_numeric: the compute-optimal split found by numerically minimising
  L(N, C/6N) over log N (scipy.optimize.minimize_scalar, bounded), not by the closed form.
- kaplan_frontier: the loss on the frontier at a budget, found by scipy.optimize.brentq on
  the implicit equation C_min(L) = 6 N(L) B_crit(L) S_min(L) (laws.md, App. B.2), and the
  resulting N, S_min, B_crit.
- kaplan_predict_steps: loss of L(N, S_min) with S_min = S/(1 + B_crit(L)/B) solved by brentq.
"""
import json
import math

from scipy.optimize import brentq, minimize_scalar

CHIN = dict(E=1.69337368, A=406.401018, B=410.722827, alpha=0.33917084, beta=0.2849083)
EPOCH = dict(E=1.82, A=482.01, B=2085.43, alpha=0.3478, beta=0.3658)
NS = dict(alphaN=0.077, alphaS=0.76, Nc=6.5e13, Sc=2.1e3)
BC = dict(Bstar=2.1e8, alphaB=0.21)


def chin_loss(p, n, d):
    return p["E"] + p["A"] / n ** p["alpha"] + p["B"] / d ** p["beta"]


def chin_numeric(p, flops):
    f = lambda logn: chin_loss(p, math.exp(logn), flops / (6 * math.exp(logn)))
    r = minimize_scalar(f, bounds=(math.log(1e3), math.log(flops / 6 / 1e3)), method="bounded",
                        options=dict(xatol=1e-12, maxiter=10000))
    n = math.exp(r.x)
    return dict(flops=flops, params=n, tokens=flops / (6 * n), loss=r.fun)


def frontier_at_loss(loss):
    conv = loss / (1 + NS["alphaN"] / NS["alphaS"])
    n = NS["Nc"] * conv ** (-1 / NS["alphaN"])
    smin = NS["Sc"] * (loss * NS["alphaN"] / (NS["alphaN"] + NS["alphaS"])) ** (-1 / NS["alphaS"])
    b = BC["Bstar"] / loss ** (1 / BC["alphaB"])
    return n, smin, b, 6 * n * b * smin


def kaplan_frontier(min_flops):
    logl = brentq(lambda x: math.log(frontier_at_loss(math.exp(x))[3]) - math.log(min_flops),
                  math.log(1e-4), math.log(1e4), xtol=1e-15, rtol=1e-15, maxiter=500)
    loss = math.exp(logl)
    n, smin, b, c = frontier_at_loss(loss)
    return dict(minFlops=min_flops, loss=loss, params=n, minSteps=smin, criticalBatchTokens=b)


def predict_steps(n, steps, batch):
    conv = (NS["Nc"] / n) ** NS["alphaN"]

    def gap(loss):
        bcrit = BC["Bstar"] / loss ** (1 / BC["alphaB"])
        smin = steps / (1 + bcrit / batch)
        return conv + (NS["Sc"] / smin) ** NS["alphaS"] - loss

    loss = brentq(gap, conv * (1 + 1e-12), 1e3, xtol=1e-15, rtol=1e-15, maxiter=500)
    bcrit = BC["Bstar"] / loss ** (1 / BC["alphaB"])
    return dict(params=n, steps=steps, batchTokens=batch, loss=loss, minSteps=steps / (1 + bcrit / batch))


out = dict(
    source="test/reference/make_plan_refs.py (scipy.optimize minimize_scalar and brentq)",
    chinchilla_numeric=[chin_numeric(CHIN, c) for c in (1e18, 2.21e19, 1e21, 2.46e22, 1e24, 1e26)],
    epoch_numeric=[chin_numeric(EPOCH, c) for c in (1e19, 1e21, 1e23, 1e25)],
    kaplan_frontier=[kaplan_frontier(c) for c in (1e15, 1e18, 5e20, 1e23, 1e26)],
    kaplan_predict_steps=[predict_steps(1.3e9, 2.5e5, 5e5), predict_steps(1e8, 1e4, 1e6), predict_steps(1e10, 1e5, 4e6)],
)
print(json.dumps(out, indent=2))
