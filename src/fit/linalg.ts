/**
 * Dense linear algebra for p ≤ ~10 unknowns: Cholesky factorisation of a symmetric positive
 * definite matrix (row-major Float64Array), solves and the inverse. No allocation in the
 * solve, so a fitter can call it every iteration.
 */

/**
 * Cholesky factorisation in place: the lower triangle of `a` (p×p, row-major) becomes L with
 * L Lᵀ = a. Returns false when `a` is not (numerically) positive definite.
 */
export function choleskyInPlace(a: Float64Array, p: number): boolean {
  for (let j = 0; j < p; j++) {
    let diagonal = a[j * p + j]!;
    for (let k = 0; k < j; k++) diagonal -= a[j * p + k]! * a[j * p + k]!;
    if (!(diagonal > 0) || !Number.isFinite(diagonal)) return false;
    const ljj = Math.sqrt(diagonal);
    a[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let sum = a[i * p + j]!;
      for (let k = 0; k < j; k++) sum -= a[i * p + k]! * a[j * p + k]!;
      a[i * p + j] = sum / ljj;
    }
  }
  return true;
}

/** Solves L Lᵀ x = b for x in place (b becomes x), L from choleskyInPlace. */
export function choleskySolveInPlace(l: Float64Array, p: number, b: Float64Array): void {
  for (let i = 0; i < p; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * p + k]! * b[k]!;
    b[i] = sum / l[i * p + i]!;
  }
  for (let i = p - 1; i >= 0; i--) {
    let sum = b[i]!;
    for (let k = i + 1; k < p; k++) sum -= l[k * p + i]! * b[k]!;
    b[i] = sum / l[i * p + i]!;
  }
}

/** The inverse of a symmetric positive definite matrix, or null when it is singular. */
export function inverseSpd(a: Float64Array, p: number): Float64Array | null {
  const l = Float64Array.from(a);
  if (!choleskyInPlace(l, p)) return null;
  const inverse = new Float64Array(p * p);
  const column = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    column.fill(0);
    column[j] = 1;
    choleskySolveInPlace(l, p, column);
    for (let i = 0; i < p; i++) inverse[i * p + j] = column[i]!;
  }
  return inverse;
}

/** JᵀJ (p×p) of a row-major n×p Jacobian, written into `out`. */
export function gramInto(jacobian: Float64Array, n: number, p: number, out: Float64Array): void {
  out.fill(0);
  for (let r = 0; r < n; r++) {
    const row = r * p;
    for (let i = 0; i < p; i++) {
      const ji = jacobian[row + i]!;
      for (let k = 0; k <= i; k++) out[i * p + k] = out[i * p + k]! + ji * jacobian[row + k]!;
    }
  }
  for (let i = 0; i < p; i++) for (let k = 0; k < i; k++) out[k * p + i] = out[i * p + k]!;
}
