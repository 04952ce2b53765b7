/**
 * Reading a fit file (`scaling fit --out fit.json`, DESIGN.md "fit --json") as a law set
 * that `plan`, `check` and `predict` take through `--law path`.
 */
import { readFileSync } from "node:fs";
import { ScalingError } from "../errors.js";
import { findPreset } from "../laws/presets.js";
import type { LawId, LawSet } from "../laws/types.js";
import { LAW_IDS } from "../laws/types.js";

/** The constants each law needs, by the paper's names. */
export const LAW_PARAM_NAMES: { [K in LawId]: readonly string[] } = {
  n: ["alphaN", "Nc"],
  d: ["alphaD", "Dc"],
  cmin: ["alphaC", "Cc"],
  bcrit: ["Bstar", "alphaB"],
  nd: ["alphaN", "alphaD", "Nc", "Dc"],
  ns: ["alphaN", "alphaS", "Nc", "Sc"],
  chinchilla: ["E", "A", "B", "alpha", "beta"],
};

/** A preset by name, or the laws of a fit file at that path. */
export function resolveLawSet(nameOrPath: string): LawSet {
  const preset = findPreset(nameOrPath);
  if (preset !== undefined) return preset;
  if (!/[./\\]/.test(nameOrPath)) {
    throw new ScalingError(
      "usage",
      `--law: "${nameOrPath}" is neither a preset (kaplan, chinchilla, epoch) nor a fit file path`,
    );
  }
  let text: string;
  try {
    text = readFileSync(nameOrPath, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "cannot read it";
    throw new ScalingError("input", `${reason}; --law takes kaplan, chinchilla, epoch or a file from \`scaling fit --out\``, {
      file: nameOrPath,
    });
  }
  return parseLawFile(text, nameOrPath);
}

export function parseLawFile(text: string, file: string): LawSet {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ScalingError("input", `not valid JSON (${(error as Error).message}); expected a file from \`scaling fit --out\``, {
      file,
    });
  }
  const fits = (document as { fits?: unknown })?.fits;
  if (!Array.isArray(fits)) {
    throw new ScalingError("input", 'no "fits" array; expected a file from `scaling fit --out`', { file });
  }
  const set: LawSet = { name: file, source: `fitted constants in ${file}`, laws: {}, intervals: {} };
  for (const [index, fit] of fits.entries()) {
    const id = (fit as { law?: unknown })?.law;
    if (typeof id !== "string" || !(LAW_IDS as readonly string[]).includes(id)) {
      throw new ScalingError("input", `fits[${index}].law is ${JSON.stringify(id)}; expected one of ${LAW_IDS.join(", ")}`, {
        file,
      });
    }
    const lawId = id as LawId;
    const params = (fit as { params?: Record<string, unknown> }).params ?? {};
    const values: Record<string, number> = {};
    for (const name of LAW_PARAM_NAMES[lawId]) {
      const value = params[name];
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new ScalingError("input", `fits[${index}] (${lawId}): params.${name} must be a finite number`, { file });
      }
      // Every law's exponents and scales are positive and E is a loss (shared/laws.md); any
      // other value makes losses fall the wrong way or go negative, and plans meaningless.
      if (name === "E" ? !(value >= 0) : !(value > 0)) {
        throw new ScalingError(
          "input",
          `fits[${index}] (${lawId}): params.${name} is ${value}; it must be ${name === "E" ? "zero or more" : "greater than zero"} (is this a fit file from \`scaling fit --out\`?)`,
          { file },
        );
      }
      values[name] = value;
    }
    (set.laws as Record<string, unknown>)[lawId] = values;
    const ci95 = (fit as { ci95?: Record<string, unknown> }).ci95;
    if (ci95 && typeof ci95 === "object") {
      const intervals: Record<string, [number, number]> = {};
      for (const name of LAW_PARAM_NAMES[lawId]) {
        const pair = ci95[name];
        if (Array.isArray(pair) && pair.length === 2 && pair.every((x) => typeof x === "number" && Number.isFinite(x))) {
          intervals[name] = [pair[0] as number, pair[1] as number];
        }
      }
      (set.intervals as Record<string, unknown>)[lawId] = intervals;
    }
  }
  return set;
}
