/*
 * The first pass of the Approach-3 grid fit in C (issue 7): L-BFGS from every start of a grid to
 * the screen tolerance, over the Huber objective on log loss, on as many threads as asked.
 * src/fit/gridScreen.ts calls it when the native addon is built and this machine runs its
 * vector code; otherwise it screens in JavaScript (src/fit/lbfgs.ts, src/fit/huberLse.ts).
 *
 * It is a port of those two files: the same L-BFGS (Nocedal & Wright 2006, Alg. 7.4-7.5, strong
 * Wolfe line search with the same constants, first steps, safeguards and stopping tests) and the
 * same objective, sum_i Huber_delta(LSE(a - alpha ln N_i, b - beta ln D_i, e) - ln L_i) with its
 * analytic gradient, x = [a, b, e, alpha, beta]. Only the arithmetic differs: e^x and ln x are
 * computed 4 points at a time (vexp, vlog below: within 2 ulp of glibc's exp and log over 16M
 * arguments spread over their ranges here), so a start's end can differ from the JavaScript
 * screen's in the last bits, and a start that sits on a knife edge can take another path. The
 * screen only ranks starts: the fit then polishes the best few in JavaScript, so the optimum is
 * the same either way (test/fit/nativeScreen.test.ts).
 *
 * Each start's result depends on nothing but the start (each thread has its own workspace), and
 * lands in its own slot, so the screen gives the same bits on any number of threads.
 *
 * Vector code: GCC's vector extensions, 4 doubles wide, compiled for AVX2 and FMA and offered only
 * when the CPU has both (checked once, at load). Elsewhere (an x86-64 without AVX2, where 4-wide
 * doubles emulated on SSE2 ran slower than V8; other machines; compilers other than GCC, which
 * this was not tested with), the addon has no screen and the fit screens in JavaScript.
 */
#define _DEFAULT_SOURCE
#include "grid.h"
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The vector code is built with GCC for x86-64, the one compiler and machine it is tested on. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#include <immintrin.h>
#define VECTOR_CODE __attribute__((target("avx2,fma")))
#define HAVE_SCREEN 1
static int vectorCodeRuns(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}
#else
#define HAVE_SCREEN 0
#endif

#if HAVE_SCREEN

#define LANES 4
#define P 5

typedef double v4d __attribute__((vector_size(32)));
typedef int64_t v4i __attribute__((vector_size(32)));
typedef uint64_t v4u __attribute__((vector_size(32)));

#define INLINE static inline __attribute__((always_inline))

INLINE VECTOR_CODE v4d load4(const double *p) {
  v4d v;
  memcpy(&v, p, sizeof v);
  return v;
}
INLINE VECTOR_CODE v4d splat(double x) { return (v4d){x, x, x, x}; }
INLINE VECTOR_CODE v4i bitsOf(v4d x) {
  v4i i;
  memcpy(&i, &x, sizeof i);
  return i;
}
INLINE VECTOR_CODE v4d fromBits(v4i i) {
  v4d x;
  memcpy(&x, &i, sizeof x);
  return x;
}
/* mask ? yes : no, lane by lane (mask lanes all ones or all zeros, as comparisons give). */
INLINE VECTOR_CODE v4d select4(v4i mask, v4d yes, v4d no) { return fromBits((bitsOf(yes) & mask) | (bitsOf(no) & ~mask)); }
INLINE VECTOR_CODE v4d clamp4(v4d x, v4d lo, v4d hi) { return select4(x < lo, lo, select4(x > hi, hi, x)); }

/* a * b + c rounded once, lane by lane. Fused only here, by name: the build does not contract
   (binding.gyp: -ffp-contract=off), so every other operation rounds as written, and the screen
   gives the same bits on every machine it runs on. */
INLINE VECTOR_CODE v4d fma4(v4d a, v4d b, v4d c) { return (v4d)_mm256_fmadd_pd((__m256d)a, (__m256d)b, (__m256d)c); }

/* 1.5 * 2^52: x + SHIFT - SHIFT rounds x (|x| < 2^51) to an integer, which sits in SHIFT's low bits. */
static const double SHIFT = 6755399441055744.0;
static const double INV_LN2 = 1.4426950408889634;
/* ln 2 in two parts (fdlibm's): n * LN2_HI is exact for |n| < 2^11. */
static const double LN2_HI = 6.93147180369123816490e-01;
static const double LN2_LO = 1.90821492927058770002e-10;
/* Exponents beyond these leave the range where 2^n is a normal double: the scalar path takes them. */
#define EXP_LIMIT 708.0

/*
 * e^x for x in [-708, 708], lane by lane: x = n ln2 + r, |r| <= ln2/2 (Cody & Waite), e^r by its
 * Taylor polynomial to r^13 (truncation below r^14/14! < 5e-18), evaluated by Estrin's scheme,
 * and 2^n added to the exponent bits.
 */
INLINE VECTOR_CODE v4d vexp(v4d x) {
  v4d t = fma4(x, splat(INV_LN2), splat(SHIFT));
  v4d n = t - splat(SHIFT);
  v4d r = (x - n * splat(LN2_HI)) - n * splat(LN2_LO);
  v4d r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
  v4d p01 = splat(1.0) + r, p23 = fma4(r, splat(1.0 / 6), splat(1.0 / 2)), p45 = fma4(r, splat(1.0 / 120), splat(1.0 / 24));
  v4d p67 = fma4(r, splat(1.0 / 5040), splat(1.0 / 720)), p89 = fma4(r, splat(1.0 / 362880), splat(1.0 / 40320));
  v4d pab = fma4(r, splat(1.0 / 39916800), splat(1.0 / 3628800)), pcd = fma4(r, splat(1.0 / 6227020800.0), splat(1.0 / 479001600));
  v4d p03 = fma4(r2, p23, p01), p47 = fma4(r2, p67, p45), p8b = fma4(r2, pab, p89);
  v4d p = fma4(r8, fma4(r4, pcd, p8b), fma4(r4, p47, p03));
  /* t's low bits hold n (two's complement): shifted up 52 bits, n is added to p's exponent. */
  return fromBits(bitsOf(p) + (bitsOf(t) << 52));
}

/*
 * ln q for positive normal q, lane by lane: q = 2^k m with m in [sqrt(1/2), sqrt(2)), ln m =
 * 2 atanh(s), s = (m - 1)/(m + 1), |s| <= 0.1716, by its series to s^23 (the next term is below
 * 2e-20), and ln q = k ln2 + ln m. Near q = 1 (a model close to the data), k = 0 and the result
 * keeps its relative accuracy, as the JavaScript objective's series does.
 */
INLINE VECTOR_CODE v4d vlog(v4d q) {
  v4u bits = (v4u)bitsOf(q);
  /* k + 1023, from q's bits less those of sqrt(1/2); unsigned, as q >= 2^-1022. */
  v4u kBiased = (bits - (uint64_t)0x3fe6a09e667f3bcdULL + ((uint64_t)1023 << 52)) >> 52;
  v4d m = fromBits((v4i)(bits - ((kBiased - 1023) << 52)));
  v4d k = fromBits((v4i)(kBiased + (v4u)bitsOf(splat(SHIFT)))) - splat(SHIFT + 1023);
  v4d s = (m - splat(1.0)) / (m + splat(1.0));
  v4d z = s * s, z2 = z * z, z4 = z2 * z2, z8 = z4 * z4;
  v4d c01 = fma4(z, splat(1.0 / 5), splat(1.0 / 3)), c23 = fma4(z, splat(1.0 / 9), splat(1.0 / 7));
  v4d c45 = fma4(z, splat(1.0 / 13), splat(1.0 / 11)), c67 = fma4(z, splat(1.0 / 17), splat(1.0 / 15));
  v4d c89 = fma4(z, splat(1.0 / 21), splat(1.0 / 19));
  v4d c = fma4(z8, fma4(z2, splat(1.0 / 23), c89), fma4(z4, fma4(z2, c67, c45), fma4(z2, c23, c01)));
  v4d twoS = splat(2.0) * s;
  return fma4(k, splat(LN2_HI), fma4(k, splat(LN2_LO), fma4(twoS, z * c, twoS)));
}

/* ln N, ln D, ln L and 1/L of each point, with N's and D's distinct values (an evaluation takes
   A/N^alpha once a distinct N, as huberLse.ts does). */
typedef struct {
  size_t count;
  const double *lnN, *lnD, *lnL;
  double *inverseL;
  double delta;
  size_t distinctNCount, distinctDCount;
  double *distinctN, *distinctD;
  int32_t *indexN, *indexD;
} Problem;

/* A thread's workspace: L-BFGS state and the per-evaluation terms. */
#define MEMORY 10
typedef struct {
  const Problem *problem;
  double *termN, *termD;
  double x[P], g[P], xt[P], gt[P], d[P];
  double s[MEMORY][P], y[MEMORY][P], rho[MEMORY], alpha[MEMORY];
  int stored, newest;
  double ft;
} Workspace;

/* One point by the log-sum-exp shifted by its largest term (libm): r, and the terms and their
   sum relative to the largest. The path for exponents beyond +-708 and sums near overflow. */
static double pointShifted(const Problem *pr, size_t i, const double *x, double *e1, double *e2, double *e3, double *sum) {
  double t1 = x[0] - x[3] * pr->lnN[i], t2 = x[1] - x[4] * pr->lnD[i], e = x[2];
  double top = t1 > t2 ? (t1 > e ? t1 : e) : (t2 > e ? t2 : e);
  *e1 = exp(t1 - top);
  *e2 = exp(t2 - top);
  *e3 = exp(e - top);
  *sum = *e1 + *e2 + *e3;
  return top + log(*sum) - pr->lnL[i];
}

/* Adds a point's Huber term to *f and its gradient to g. */
static inline void addPoint(const Problem *pr, size_t i, double r, double e1, double e2, double e3, double sum, double *f, double *g) {
  double delta = pr->delta;
  double psi = r > delta ? delta : r < -delta ? -delta : r;
  *f += psi * (r - 0.5 * psi);
  double w = psi / sum;
  g[0] += w * e1;
  g[3] -= w * e1 * pr->lnN[i];
  g[1] += w * e2;
  g[4] -= w * e2 * pr->lnD[i];
  g[2] += w * e3;
}

/* The objective with every point on the shifted path: for x where some exponent leaves +-708. */
static double objectiveShifted(const Problem *pr, const double *x, double *g) {
  double f = 0;
  for (int j = 0; j < P; j++) g[j] = 0;
  for (size_t i = 0; i < pr->count; i++) {
    double e1, e2, e3, sum;
    double r = pointShifted(pr, i, x, &e1, &e2, &e3, &sum);
    addPoint(pr, i, r, e1, e2, e3, sum, &f, g);
  }
  return f;
}

/* out[k] = e^(c - slope * values[k]); returns 1 when some exponent is outside [-708, 708] (or NaN). */
static VECTOR_CODE int terms(double *out, const double *values, size_t n, double c, double slope) {
  const v4d vc = splat(c), vs = splat(slope), lo = splat(-EXP_LIMIT), hi = splat(EXP_LIMIT);
  v4i outside = {0, 0, 0, 0};
  size_t k = 0;
  for (; k + LANES <= n; k += LANES) {
    v4d t = vc - vs * load4(values + k);
    outside |= ~((t >= lo) & (t <= hi));
    v4d e = vexp(clamp4(t, lo, hi));
    memcpy(out + k, &e, sizeof e);
  }
  if (k < n) {
    double rest[LANES] = {0, 0, 0, 0};
    memcpy(rest, values + k, (n - k) * sizeof(double));
    v4d t = vc - vs * load4(rest);
    outside |= ~((t >= lo) & (t <= hi));
    v4d e = vexp(clamp4(t, lo, hi));
    memcpy(out + k, &e, (n - k) * sizeof(double));
  }
  return (outside[0] | outside[1] | outside[2] | outside[3]) != 0;
}

INLINE VECTOR_CODE v4d gather4(const double *table, const int32_t *index) {
  return (v4d){table[index[0]], table[index[1]], table[index[2]], table[index[3]]};
}

/* f(x), writing the gradient into g: huberLse.ts's huberLseObjective. */
static VECTOR_CODE double objective(Workspace *w, const double *x, double *g) {
  const Problem *pr = w->problem;
  const double expE = exp(x[2]);
  if (!(x[2] >= -EXP_LIMIT && x[2] <= EXP_LIMIT) || terms(w->termN, pr->distinctN, pr->distinctNCount, x[0], x[3]) ||
      terms(w->termD, pr->distinctD, pr->distinctDCount, x[1], x[4]))
    return objectiveShifted(pr, x, g);
  v4d f = splat(0), ga = f, gb = f, ge = f, gAlpha = f, gBeta = f;
  const v4d vE = splat(expE), tiny = splat(1e-300), big = splat(1e300);
  const v4d delta = splat(pr->delta), minusDelta = splat(-pr->delta), half = splat(0.5);
  size_t i = 0;
  for (; i + LANES <= pr->count; i += LANES) {
    v4d e1 = gather4(w->termN, pr->indexN + i), e2 = gather4(w->termD, pr->indexD + i), e3 = vE;
    v4d sum = e1 + e2 + e3;
    /* r = ln(sum / L); where the ratio is not a safe normal number, the shifted path. */
    v4d q = sum * load4(pr->inverseL + i);
    v4i safe = (q > tiny) & (q < big);
    v4d r = vlog(select4(safe, q, splat(1.0)));
    if (!(safe[0] & safe[1] & safe[2] & safe[3])) {
      for (int l = 0; l < LANES; l++) {
        if (safe[l]) continue;
        double s1, s2, s3, total;
        r[l] = pointShifted(pr, i + l, x, &s1, &s2, &s3, &total);
        e1[l] = s1;
        e2[l] = s2;
        e3[l] = s3;
        sum[l] = total;
      }
    }
    v4d psi = clamp4(r, minusDelta, delta);
    f += psi * (r - half * psi);
    v4d weight = psi / sum, w1 = weight * e1, w2 = weight * e2;
    ga += w1;
    gAlpha -= w1 * load4(pr->lnN + i);
    gb += w2;
    gBeta -= w2 * load4(pr->lnD + i);
    ge += weight * e3;
  }
  double total = (f[0] + f[1]) + (f[2] + f[3]);
  g[0] = (ga[0] + ga[1]) + (ga[2] + ga[3]);
  g[1] = (gb[0] + gb[1]) + (gb[2] + gb[3]);
  g[2] = (ge[0] + ge[1]) + (ge[2] + ge[3]);
  g[3] = (gAlpha[0] + gAlpha[1]) + (gAlpha[2] + gAlpha[3]);
  g[4] = (gBeta[0] + gBeta[1]) + (gBeta[2] + gBeta[3]);
  for (; i < pr->count; i++) {
    double e1 = w->termN[pr->indexN[i]], e2 = w->termD[pr->indexD[i]], e3 = expE, sum = e1 + e2 + e3;
    double q = sum * pr->inverseL[i];
    double r = q > 1e-300 && q < 1e300 ? log(q) : pointShifted(pr, i, x, &e1, &e2, &e3, &sum);
    addPoint(pr, i, r, e1, e2, e3, sum, &total, g);
  }
  return total;
}

/* ------------------------------- L-BFGS: lbfgs.ts, line for line ------------------------------- */

#define C1 1e-4
#define C2 0.9
#define MAX_FIRST_STEP 1e10

static double dot5(const double *a, const double *b) {
  double sum = 0;
  for (int j = 0; j < P; j++) sum += a[j] * b[j];
  return sum;
}

static double cubicMinimiser(double a, double fa, double da, double b, double fb, double db) {
  double d1 = da + db - (3 * (fa - fb)) / (a - b);
  double radicand = d1 * d1 - da * db;
  if (!(radicand >= 0)) return (a + b) / 2;
  double d2 = (b > a ? 1 : b < a ? -1 : 0) * sqrt(radicand);
  double x = b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
  if (!isfinite(x)) return (a + b) / 2;
  double lo = a < b ? a : b, width = fabs(b - a);
  double lower = lo + 0.1 * width, upper = lo + 0.9 * width;
  return x < lower ? lower : x > upper ? upper : x;
}

static void direction(Workspace *w) {
  for (int j = 0; j < P; j++) w->d[j] = w->g[j];
  int k = w->newest;
  for (int i = 0; i < w->stored; i++) {
    double a = w->rho[k] * dot5(w->s[k], w->d);
    w->alpha[k] = a;
    for (int j = 0; j < P; j++) w->d[j] -= a * w->y[k][j];
    k = (k - 1 + MEMORY) % MEMORY;
  }
  if (w->stored > 0) {
    int n = w->newest;
    double gamma = 1 / (w->rho[n] * dot5(w->y[n], w->y[n]));
    for (int j = 0; j < P; j++) w->d[j] *= gamma;
  }
  k = (w->newest - w->stored + 1 + MEMORY) % MEMORY;
  for (int i = 0; i < w->stored; i++) {
    double b = w->rho[k] * dot5(w->y[k], w->d);
    for (int j = 0; j < P; j++) w->d[j] += w->s[k][j] * (w->alpha[k] - b);
    k = (k + 1) % MEMORY;
  }
  for (int j = 0; j < P; j++) w->d[j] = -w->d[j];
}

static double probe(Workspace *w, double a) {
  for (int j = 0; j < P; j++) w->xt[j] = w->x[j] + a * w->d[j];
  w->ft = objective(w, w->xt, w->gt);
  return dot5(w->gt, w->d);
}

static double zoom(Workspace *w, double f0, double slope0, double lo, double fLo, double dLo, double hi, double fHi, double dHi) {
  for (int i = 0; i < 40; i++) {
    double a = cubicMinimiser(lo, fLo, dLo, hi, fHi, dHi);
    double da = probe(w, a);
    double fa = w->ft;
    if (!isfinite(fa) || fa > f0 + C1 * a * slope0 || fa >= fLo) {
      hi = a;
      fHi = isfinite(fa) ? fa : INFINITY;
      dHi = isfinite(da) ? da : 0;
    } else {
      if (fabs(da) <= -C2 * slope0) return a;
      if (da * (hi - lo) >= 0) {
        hi = lo;
        fHi = fLo;
        dHi = dLo;
      }
      lo = a;
      fLo = fa;
      dLo = da;
    }
    if (fabs(hi - lo) <= 1e-16 * fmax(fabs(lo), 1e-300)) break;
  }
  if (lo > 0 && fLo < f0) {
    probe(w, lo);
    return lo;
  }
  return 0;
}

static double lineSearch(Workspace *w, double f0, double slope0, double first) {
  double aPrev = 0, fPrev = f0, dPrev = slope0, a = first;
  for (int i = 0; i < 40; i++) {
    double da = probe(w, a);
    double fa = w->ft;
    if (!isfinite(fa) || !isfinite(da)) {
      a = aPrev + (a - aPrev) / 4;
      continue;
    }
    if (fa > f0 + C1 * a * slope0 || (i > 0 && fa >= fPrev)) return zoom(w, f0, slope0, aPrev, fPrev, dPrev, a, fa, da);
    if (fabs(da) <= -C2 * slope0) return a;
    if (da >= 0) return zoom(w, f0, slope0, a, fa, da, aPrev, fPrev, dPrev);
    aPrev = a;
    fPrev = fa;
    dPrev = da;
    a *= 4;
  }
  return 0;
}

typedef struct {
  double gtol, ftol;
  int maxIterations;
} Tolerances;

/* Lbfgs.minimize from `start`: the end point into theta, f there, iterations, and whether a
   stopping test was met. */
static int minimize(Workspace *w, const double *start, const Tolerances *tol, double *theta, double *fOut, int *iterationsOut) {
  memcpy(w->x, start, sizeof w->x);
  w->stored = 0;
  w->newest = -1;
  double fx = objective(w, w->x, w->g);
  int iterations = 0, converged = 0;
  if (isfinite(fx)) {
    while (iterations < tol->maxIterations) {
      double gmax = 0;
      for (int j = 0; j < P; j++) gmax = fmax(gmax, fabs(w->g[j]));
      if (gmax <= tol->gtol) {
        converged = 1;
        break;
      }
      direction(w);
      double slope = dot5(w->g, w->d);
      if (!(slope < 0)) {
        w->stored = 0;
        for (int j = 0; j < P; j++) w->d[j] = -w->g[j];
        slope = -dot5(w->g, w->g);
      }
      double first = w->stored == 0 ? fmin(MAX_FIRST_STEP, 1 / gmax) : 1;
      double step = lineSearch(w, fx, slope, first);
      if (step == 0 && w->stored > 0) {
        w->stored = 0;
        for (int j = 0; j < P; j++) w->d[j] = -w->g[j];
        step = lineSearch(w, fx, -dot5(w->g, w->g), fmin(MAX_FIRST_STEP, 1 / gmax));
      }
      iterations++;
      if (step == 0) {
        converged = gmax <= sqrt(tol->gtol);
        break;
      }
      double fNew = w->ft;
      int slot = (w->newest + 1) % MEMORY;
      double sy = 0, yy = 0;
      for (int j = 0; j < P; j++) {
        double sj = w->xt[j] - w->x[j], yj = w->gt[j] - w->g[j];
        w->s[slot][j] = sj;
        w->y[slot][j] = yj;
        sy += sj * yj;
        yy += yj * yj;
      }
      if (sy > 1e-12 * yy && yy > 0) {
        w->rho[slot] = 1 / sy;
        w->newest = slot;
        w->stored = w->stored + 1 < MEMORY ? w->stored + 1 : MEMORY;
      }
      memcpy(w->x, w->xt, sizeof w->x);
      memcpy(w->g, w->gt, sizeof w->g);
      double decrease = fx - fNew;
      fx = fNew;
      if (decrease <= tol->ftol * fmax(fabs(fx), 1e-300)) {
        converged = 1;
        break;
      }
    }
  }
  memcpy(theta, w->x, sizeof w->x);
  *fOut = fx;
  *iterationsOut = iterations;
  return converged;
}

/* ------------------------------------ problem and threads ------------------------------------ */

typedef struct {
  const double *values;
  size_t index;
} Keyed;

static int byValue(const void *a, const void *b) {
  const Keyed *x = a, *y = b;
  double u = x->values[x->index], v = y->values[y->index];
  if (u != v) return u < v ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* The distinct values of values[0..n) (finite) in first-seen order into distinct, each value's
   place in index; returns their count, or 0 when out of memory. */
static size_t distinctValues(const double *values, size_t n, double *distinct, int32_t *index) {
  Keyed *sorted = malloc(n * sizeof *sorted);
  size_t *leader = malloc(n * sizeof *leader);
  if (sorted == NULL || leader == NULL) {
    free(sorted);
    free(leader);
    return 0;
  }
  for (size_t i = 0; i < n; i++) sorted[i] = (Keyed){values, i};
  qsort(sorted, n, sizeof *sorted, byValue);
  /* Equal values are adjacent, the first seen first: each point's leader is its group's first. */
  for (size_t i = 0, first = 0; i < n; i++) {
    if (i > 0 && values[sorted[i].index] != values[sorted[i - 1].index]) first = i;
    leader[sorted[i].index] = sorted[first].index;
  }
  size_t count = 0;
  for (size_t i = 0; i < n; i++) {
    if (leader[i] == i) {
      distinct[count] = values[i];
      index[i] = (int32_t)count++;
    } else {
      index[i] = index[leader[i]];
    }
  }
  free(sorted);
  free(leader);
  return count;
}

typedef struct {
  const Problem *problem;
  const double *starts;
  size_t startCount;
  Tolerances tol;
  double *objectives, *ends;
  int32_t *iterations;
  size_t next; /* the next start to claim, atomically */
} Screen;

static void *screenThread(void *argument) {
  Screen *screen = argument;
  const Problem *pr = screen->problem;
  Workspace *w = calloc(1, sizeof *w);
  double *terms = malloc((pr->distinctNCount + pr->distinctDCount + 2 * LANES) * sizeof(double));
  if (w == NULL || terms == NULL) {
    /* This thread claims nothing: the others take its share. */
    free(w);
    free(terms);
    return NULL;
  }
  w->problem = pr;
  w->termN = terms;
  w->termD = terms + pr->distinctNCount + LANES;
  for (size_t i = __atomic_fetch_add(&screen->next, 1, __ATOMIC_RELAXED); i < screen->startCount;
       i = __atomic_fetch_add(&screen->next, 1, __ATOMIC_RELAXED)) {
    double f;
    int iterations;
    int converged = minimize(w, screen->starts + P * i, &screen->tol, screen->ends + P * i, &f, &iterations);
    screen->objectives[i] = converged && isfinite(f) ? f : INFINITY;
    screen->iterations[i] = iterations;
  }
  free(w);
  free(terms);
  return NULL;
}

/* Builds the problem (its arrays freed by freeProblem, whatever this returns). 0 when out of
   memory or a logarithm is not finite. */
static int buildProblem(Problem *pr, const double *lnN, const double *lnD, const double *lnL, size_t count, double delta) {
  double *doubles = malloc((3 * count + 1) * sizeof(double));
  int32_t *ints = malloc((2 * count + 1) * sizeof(int32_t));
  *pr = (Problem){count, lnN, lnD, lnL, doubles, delta, 0, 0, doubles + count, doubles + 2 * count, ints, ints + count};
  if (doubles == NULL || ints == NULL) return 0;
  for (size_t i = 0; i < count; i++) {
    if (!isfinite(lnN[i]) || !isfinite(lnD[i]) || !isfinite(lnL[i])) return 0;
    pr->inverseL[i] = exp(-lnL[i]);
  }
  pr->distinctNCount = distinctValues(lnN, count, pr->distinctN, pr->indexN);
  pr->distinctDCount = distinctValues(lnD, count, pr->distinctD, pr->indexD);
  return count == 0 || (pr->distinctNCount > 0 && pr->distinctDCount > 0);
}

static void freeProblem(Problem *pr) {
  free(pr->inverseL);
  free(pr->indexN);
}

/* ------------------------------------------ N-API ------------------------------------------ */

static int float64s(napi_env env, napi_value value, double **data, size_t *length) {
  return typedArray(env, value, napi_float64_array, (void **)data, length);
}

static int int32s(napi_env env, napi_value value, int32_t **data, size_t *length) {
  return typedArray(env, value, napi_int32_array, (void **)data, length);
}

/* lnN, lnD, lnL: Float64Arrays of one length; delta a positive number. */
static int problemArgs(napi_env env, napi_value *argv, double **lnN, double **lnD, double **lnL, size_t *count, double *delta) {
  size_t nD, nL;
  return float64s(env, argv[0], lnN, count) && float64s(env, argv[1], lnD, &nD) && float64s(env, argv[2], lnL, &nL) && nD == *count &&
         nL == *count && *count <= INT32_MAX && napi_get_value_double(env, argv[3], delta) == napi_ok && *delta > 0;
}

/* More threads than this are not started (the JavaScript side asks for at most 8). */
#define MAX_THREADS 64

/*
 * screenGrid(lnN, lnD, lnL, delta, starts, gtol, ftol, maxIterations, threads, objectives, ends,
 * iterations): L-BFGS from each start (5 numbers each in `starts`) into its slot: objectives[i]
 * (f at the end where a stopping test was met and f is finite, else Infinity), ends[5i..5i+5),
 * iterations[i]. Returns the threads used.
 */
static napi_value ScreenGrid(napi_env env, napi_callback_info info) {
  size_t argc = 12;
  napi_value argv[12];
  double *lnN, *lnD, *lnL, *starts, *objectives, *ends, gtol, ftol, delta;
  int32_t *iterations, maxIterations, threads;
  size_t count, startValues, objectiveCount, endValues, iterationCount;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 12 ||
      !problemArgs(env, argv, &lnN, &lnD, &lnL, &count, &delta) || !float64s(env, argv[4], &starts, &startValues) ||
      startValues % P != 0 || napi_get_value_double(env, argv[5], &gtol) != napi_ok ||
      napi_get_value_double(env, argv[6], &ftol) != napi_ok || napi_get_value_int32(env, argv[7], &maxIterations) != napi_ok ||
      napi_get_value_int32(env, argv[8], &threads) != napi_ok || threads < 1 || !float64s(env, argv[9], &objectives, &objectiveCount) ||
      !float64s(env, argv[10], &ends, &endValues) || !int32s(env, argv[11], &iterations, &iterationCount) ||
      objectiveCount != startValues / P || endValues != startValues || iterationCount != objectiveCount) {
    napi_throw_type_error(env, NULL, "screenGrid: bad arguments");
    return NULL;
  }
  Problem problem;
  if (!buildProblem(&problem, lnN, lnD, lnL, count, delta)) {
    freeProblem(&problem);
    napi_throw_error(env, NULL, "screenGrid: out of memory, or a logarithm is not finite");
    return NULL;
  }
  Screen screen = {&problem, starts, startValues / P, {gtol, ftol, maxIterations}, objectives, ends, iterations, 0};
  if (threads > MAX_THREADS) threads = MAX_THREADS;
  if ((size_t)threads > screen.startCount) threads = screen.startCount > 0 ? (int32_t)screen.startCount : 1;
  pthread_t *handles = malloc((size_t)threads * sizeof *handles);
  int started = 0;
  if (handles != NULL)
    for (; started < threads - 1; started++)
      if (pthread_create(&handles[started], NULL, screenThread, &screen) != 0) break;
  screenThread(&screen);
  for (int k = 0; k < started; k++) pthread_join(handles[k], NULL);
  free(handles);
  freeProblem(&problem);
  /* A claimed start is always finished: only a screen no thread could work on is unfinished. */
  if (__atomic_load_n(&screen.next, __ATOMIC_RELAXED) < screen.startCount) {
    napi_throw_error(env, NULL, "screenGrid: out of memory");
    return NULL;
  }
  napi_value result;
  napi_create_int32(env, 1 + started, &result);
  return result;
}

/* huberLse(lnN, lnD, lnL, delta, x, gradient): f(x), the gradient into `gradient` (for tests). */
static napi_value HuberLse(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  double *lnN, *lnD, *lnL, *x, *gradient, delta;
  size_t count, xLength, gradientLength;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 6 ||
      !problemArgs(env, argv, &lnN, &lnD, &lnL, &count, &delta) || !float64s(env, argv[4], &x, &xLength) || xLength != P ||
      !float64s(env, argv[5], &gradient, &gradientLength) || gradientLength != P) {
    napi_throw_type_error(env, NULL, "huberLse: bad arguments");
    return NULL;
  }
  Problem problem;
  Workspace *w = calloc(1, sizeof *w);
  double *terms = malloc((2 * count + 2 * LANES) * sizeof(double));
  int built = buildProblem(&problem, lnN, lnD, lnL, count, delta);
  napi_value result = NULL;
  if (built && w != NULL && terms != NULL) {
    w->problem = &problem;
    w->termN = terms;
    w->termD = terms + count + LANES;
    napi_create_double(env, objective(w, x, gradient), &result);
  } else {
    napi_throw_error(env, NULL, "huberLse: out of memory, or a logarithm is not finite");
  }
  freeProblem(&problem);
  free(w);
  free(terms);
  return result;
}

napi_status gridExports(napi_env env, napi_value exports) {
  if (!vectorCodeRuns()) return napi_ok;
  napi_property_descriptor properties[] = {
      {"screenGrid", NULL, ScreenGrid, NULL, NULL, NULL, napi_default, NULL},
      {"huberLse", NULL, HuberLse, NULL, NULL, NULL, napi_default, NULL},
  };
  return napi_define_properties(env, exports, sizeof(properties) / sizeof(properties[0]), properties);
}

#else

napi_status gridExports(napi_env env, napi_value exports) {
  (void)env;
  (void)exports;
  return napi_ok;
}

#endif
