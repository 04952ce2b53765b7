/**
 * A converged fit is a law only if its constants are: every constant of shared/laws.md's laws
 * is a positive finite number, and a vanishing exponent means the loss does not fall in that
 * variable (Kaplan eqs. 1.1-1.6; Hoffmann's alpha, beta). Flat or rising losses can drive a
 * solver to Nc = Infinity or alphaN = 1e-175 "converged": those are refused here.
 */
import { ScalingError } from "../errors.js";

/** Exponents below this are a flat law, not a power law. */
export const MIN_EXPONENT = 1e-6;

const isExponent = (name: string): boolean => name.startsWith("alpha") || name === "beta";

export function assertValidLaw(form: string, params: Readonly<Record<string, number>>): void {
  for (const [name, value] of Object.entries(params)) {
    if (!Number.isFinite(value) || !(value > 0)) {
      throw new ScalingError(
        "fit",
        `${form}: the fit gave ${name} = ${value}, which is no law; the losses may not fall with the variable (check the data, or fit another law)`,
      );
    }
    if (isExponent(name) && value < MIN_EXPONENT) {
      throw new ScalingError(
        "fit",
        `${form}: the fit gave ${name} = ${value.toPrecision(3)}: the losses do not fall with the variable, so there is no power law to fit`,
      );
    }
  }
}
