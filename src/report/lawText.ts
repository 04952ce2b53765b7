/**
 * A law as one line of text for figure titles: its equation and constants, with the paper's
 * symbols (shared/laws.md) and three significant figures.
 */
import type { LawId } from "../laws/types.js";

const FORMS: Record<LawId, string> = {
  n: "L(N) = (Nc/N)^αN",
  d: "L(D) = (Dc/D)^αD",
  cmin: "L(Cmin) = (Cc/Cmin)^αC",
  bcrit: "Bcrit(L) = B*/L^(1/αB)",
  nd: "L(N,D) = [(Nc/N)^(αN/αD) + Dc/D]^αD",
  ns: "L(N,S) = (Nc/N)^αN + (Sc/S)^αS",
  chinchilla: "L(N,D) = E + A/N^α + B/D^β",
};

const SYMBOLS: Record<string, string> = {
  alphaN: "αN",
  alphaD: "αD",
  alphaS: "αS",
  alphaB: "αB",
  alphaC: "αC",
  alpha: "α",
  beta: "β",
  Bstar: "B*",
};

/**
 * A constant with three significant figures: plain between 1e-3 and 1e4, else `6.5e13`.
 * @example formatConstant(6.5e13) // "6.5e13"
 */
export function formatConstant(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude === 0 || (magnitude >= 1e-3 && magnitude < 1e4)) return String(Number(value.toPrecision(3)));
  const exponent = Math.floor(Math.log10(magnitude));
  let mantissa = Number((value / 10 ** exponent).toPrecision(3));
  let shift = exponent;
  if (Math.abs(mantissa) >= 10) {
    mantissa /= 10;
    shift += 1;
  }
  return `${mantissa}e${shift}`;
}

/** The equation of a law. */
export function lawForm(id: LawId): string {
  return FORMS[id];
}

/** `L(N,S) = (Nc/N)^αN + (Sc/S)^αS with αN = 0.077, Nc = 6.5e13, ...` */
export function lawText(id: LawId, params: object): string {
  const constants = Object.entries(params as Record<string, number>)
    .map(([name, value]) => `${SYMBOLS[name] ?? name} = ${formatConstant(value)}`)
    .join(", ");
  return `${FORMS[id]}  with ${constants}`;
}
