/**
 * Reading and printing quantities. The one place where units are converted.
 * 1 PF-day = 1e15 FLOP/s x 86400 s = 8.64e19 FLOPs (shared/laws.md, Notation).
 */
import { ScalingError } from "../errors.js";

export const FLOPS_PER_PF_DAY = 8.64e19;

const SUFFIXES: Record<string, number> = {
  k: 1e3,
  K: 1e3,
  M: 1e6,
  B: 1e9,
  G: 1e9,
  T: 1e12,
};

const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const QUANTITY = new RegExp(`^(${NUMBER})\\s*([kKMBGT]|pf-?days?|flops?)?$`, "i");

export function pfDaysToFlops(pfDays: number): number {
  return pfDays * FLOPS_PER_PF_DAY;
}

export function flopsToPfDays(flops: number): number {
  return flops / FLOPS_PER_PF_DAY;
}

/**
 * Parse a number with an optional SI suffix or unit: `1e21`, `1.3B`, `300M`, `2.5T`, `125k`,
 * `3.5pf-days` (also `pfdays`, `PF-days`; converted to FLOPs), `2.5e3`. Returns NaN-free,
 * finite values or throws.
 * @param text - what the user wrote
 * @param what - the flag or field it came from, for the message (`--compute`)
 * @example parseQuantity("1.3B", "--params") // 1.3e9
 */
export function parseQuantity(text: string, what: string): number {
  const trimmed = text.trim();
  const match = QUANTITY.exec(trimmed);
  if (match === null) {
    throw new ScalingError(
      "usage",
      `${what}: ${JSON.stringify(text)} is not a number; write it like 1e21, 1.3B, 300M or 3.5pf-days`,
    );
  }
  const mantissa = Number(match[1]);
  const unit = match[2];
  let scale = 1;
  if (unit !== undefined) {
    if (/^pf-?days?$/i.test(unit)) scale = FLOPS_PER_PF_DAY;
    else if (/^flops?$/i.test(unit)) scale = 1;
    else scale = SUFFIXES[unit] ?? NaN;
  }
  const value = mantissa * scale;
  if (!Number.isFinite(value)) {
    throw new ScalingError("usage", `${what}: ${JSON.stringify(text)} is too large to represent; use a finite number`);
  }
  return value;
}

/** parseQuantity for quantities that must be > 0 (budgets, sizes, counts, losses). */
export function parsePositive(text: string, what: string): number {
  const value = parseQuantity(text, what);
  if (!(value > 0)) {
    throw new ScalingError("usage", `${what}: ${JSON.stringify(text)} must be greater than zero`);
  }
  return value;
}

/**
 * Three significant figures: plain between 1e-3 and 1e5 (`11.6`, `0.0200`), otherwise
 * exponent notation without a plus sign (`8.34e10`).
 */
export function formatSig(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e5) {
    const text = value.toPrecision(digits);
    return text.includes("e") ? Number(text).toString() : text;
  }
  const [mantissa, exponent] = value.toExponential(digits - 1).split("e");
  return `${mantissa}e${Number(exponent)}`;
}

/** A count with an SI suffix and three significant figures: `2.00B`, `350M`, `1.20T`. */
export function formatSI(value: number): string {
  const magnitude = Math.abs(value);
  const steps: Array<[number, string]> = [
    [1e12, "T"],
    [1e9, "B"],
    [1e6, "M"],
    [1e3, "k"],
  ];
  for (const [scale, suffix] of steps) {
    if (magnitude >= scale * 0.9995 && magnitude < 1e15) {
      return `${formatSig(value / scale)}${suffix}`;
    }
  }
  return formatSig(value);
}

export const formatParams = (nParams: number): string => `${formatSI(nParams)} params`;
export const formatTokens = (nTokens: number): string => `${formatSig(nTokens)} tokens`;
export const formatFlops = (flops: number): string => `${formatSig(flops)} FLOPs`;
export const formatPfDays = (pfDays: number): string => `${formatSig(pfDays)} PF-days`;
export const formatSteps = (steps: number): string => `${formatSig(steps)} steps`;
/** Loss in nats/token, four significant figures: differences in the third matter. */
export const formatLoss = (lossNats: number): string => `${formatSig(lossNats, 4)} nats/token`;
