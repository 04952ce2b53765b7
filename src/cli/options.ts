/** Option parsers shared by the commands: quantities with units, laws, choices. */
import { ScalingError } from "../errors.js";
import { parsePositive, parseQuantity } from "../io/units.js";

/** A commander argParser for a positive quantity (`1e21`, `1.3B`, `3.5pf-days`). */
export const positive =
  (flag: string) =>
  (value: string): number =>
    parsePositive(value, flag);

/** A commander argParser for a fraction in (0, 1]. */
export const fraction =
  (flag: string) =>
  (value: string): number => {
    const parsed = parseQuantity(value, flag);
    if (!(parsed > 0 && parsed <= 1)) {
      throw new ScalingError("usage", `${flag}: "${value}" must be a fraction between 0 and 1 (e.g. 0.4)`);
    }
    return parsed;
  };

/** A commander argParser for a positive whole number. */
export const count =
  (flag: string) =>
  (value: string): number => {
    const parsed = parseQuantity(value, flag);
    if (!Number.isInteger(parsed) || parsed < 1) {
      throw new ScalingError("usage", `${flag}: "${value}" must be a whole number of at least 1`);
    }
    return parsed;
  };

/** A commander argParser for a non-negative whole number. */
export const wholeNumber =
  (flag: string) =>
  (value: string): number => {
    const parsed = parseQuantity(value, flag);
    if (!Number.isInteger(parsed) || parsed < 0) {
      throw new ScalingError("usage", `${flag}: "${value}" must be a whole number (0 or more)`);
    }
    return parsed;
  };

/** Repeated or comma-separated values collected into a list (`--law bcrit,ns --law n`). */
export const list = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...value.split(",").map((part) => part.trim()).filter((part) => part !== ""),
];

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
