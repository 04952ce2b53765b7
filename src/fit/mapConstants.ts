/**
 * From the solver's θ to the paper's constants: components fitted as logarithms (c = ln Nc)
 * are exponentiated, and their standard errors follow by the delta method, se(Nc) = Nc se(c).
 */
export function mapConstants(model: { names: readonly string[]; logScaled: readonly boolean[] }, theta: Float64Array, se: Float64Array) {
  const params: Record<string, number> = {};
  const stderr: Record<string, number | null> = {};
  model.names.forEach((name, j) => {
    const value = model.logScaled[j] ? Math.exp(theta[j]!) : theta[j]!;
    params[name] = value;
    // Delta method for c = ln X: se(X) = X se(c).
    const error = model.logScaled[j] ? value * se[j]! : se[j]!;
    stderr[name] = Number.isFinite(error) ? error : null;
  });
  return { params, stderr };
}
