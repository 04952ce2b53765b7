/**
 * Axes of a chart: log (decades) or linear scales, their ticks and tick labels. Log axes put
 * a major tick at each power of ten, labelled `1e9, 1e10 ...` (plain `1, 10, 100` when every
 * decade on the axis lies in 1e-3..1e4), and minor ticks at 2..9; an axis that spans less than
 * a decade labels its minor ticks instead, so it never goes unlabelled.
 */

export type ScaleKind = "log" | "linear";

export interface Tick {
  value: number;
  /** Empty for an unlabelled minor tick. */
  label: string;
  major: boolean;
}

export interface Scale {
  kind: ScaleKind;
  domain: readonly [number, number];
  /** Data value to a fraction 0..1 along the axis. */
  fraction: (value: number) => number;
  ticks: Tick[];
}

const EPS = 1e-9;

/** Smallest domain covering the values, padded by `pad` of its span (in log space for log). */
export function fitDomain(values: readonly number[], kind: ScaleKind, pad = 0.05): [number, number] {
  const usable = values.filter((v) => Number.isFinite(v) && (kind === "linear" || v > 0));
  if (usable.length === 0) return kind === "log" ? [1, 10] : [0, 1];
  const t = kind === "log" ? usable.map(Math.log10) : usable;
  let lo = Math.min(...t);
  let hi = Math.max(...t);
  if (hi - lo < EPS) {
    const half = kind === "log" ? 0.5 : Math.max(Math.abs(lo) * 0.1, 0.5);
    lo -= half;
    hi += half;
  }
  const margin = (hi - lo) * pad;
  lo -= margin;
  hi += margin;
  return kind === "log" ? [10 ** lo, 10 ** hi] : [lo, hi];
}

/** A tick value as text: `1e9`, `2e-3`, or plain `0.5`, `20` when `plain`. */
export function tickLabel(value: number, plain: boolean): string {
  if (value === 0) return "0";
  if (plain) return String(Number(value.toPrecision(3)));
  const exponent = Math.floor(Math.log10(Math.abs(value)) + EPS);
  const mantissa = Number((value / 10 ** exponent).toPrecision(2));
  return `${mantissa}e${exponent}`;
}

function logTicks(lo: number, hi: number): Tick[] {
  const first = Math.floor(Math.log10(lo) + EPS);
  const last = Math.ceil(Math.log10(hi) - EPS);
  const plain = first >= -3 && last <= 4 && hi < 1e4;
  const inside = (v: number): boolean => v >= lo * (1 - EPS) && v <= hi * (1 + EPS);
  const ticks: Tick[] = [];
  for (let k = first; k <= last; k++) {
    for (let m = 1; m <= 9; m++) {
      const value = m * 10 ** k;
      if (inside(value)) ticks.push({ value: Number(value.toPrecision(12)), label: "", major: m === 1 });
    }
  }
  // Label decades; where that leaves fewer than three labels, also 2 and 5, then every minor
  // tick; an axis narrower than that (a loss from 2.3 to 3.4) gets evenly spaced 1-2-5 ticks,
  // as a linear axis would, still placed on the log scale.
  const mantissa = (t: Tick): number => Math.round(t.value / 10 ** Math.floor(Math.log10(t.value) + EPS));
  const levels: ((m: number) => boolean)[] = [(m) => m === 1, (m) => m === 1 || m === 2 || m === 5, () => true];
  for (const level of levels) {
    for (const tick of ticks) tick.label = level(mantissa(tick)) ? tickLabel(tick.value, plain) : "";
    if (ticks.filter((t) => t.label !== "").length >= 3) return ticks;
  }
  const even = linearTicks(lo, hi).filter((t) => t.value > 0);
  if (even.length > ticks.filter((t) => t.label !== "").length) return even.map((t) => ({ ...t, label: tickLabel(t.value, plain) }));
  return ticks;
}

function linearTicks(lo: number, hi: number): Tick[] {
  const rough = (hi - lo) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: Tick[] = [];
  for (let v = Math.ceil(lo / step - EPS) * step; v <= hi + step * EPS; v += step) {
    const value = Math.abs(v) < step * EPS ? 0 : Number(v.toPrecision(12));
    ticks.push({ value, label: tickLabel(value, true), major: true });
  }
  return ticks;
}

export function makeScale(kind: ScaleKind, domain: readonly [number, number]): Scale {
  const [lo, hi] = domain;
  if (!(hi > lo) || (kind === "log" && !(lo > 0))) {
    throw new Error(`bad ${kind} axis domain [${lo}, ${hi}]`);
  }
  const fraction =
    kind === "log"
      ? (v: number): number => (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
      : (v: number): number => (v - lo) / (hi - lo);
  return { kind, domain, fraction, ticks: kind === "log" ? logTicks(lo, hi) : linearTicks(lo, hi) };
}

/**
 * Blank labels until no two neighbours overlap: keep every k-th labelled tick for the smallest
 * k that leaves `gap` user units between them. `extent(tick)` is the label's half-size along
 * the axis; `position(tick)` its centre.
 */
export function thinLabels(ticks: Tick[], position: (t: Tick) => number, extent: (t: Tick) => number, gap = 4): Tick[] {
  const pool = ticks.filter((t) => t.label !== "");
  const fits = (kept: Tick[]): boolean =>
    kept.every((t, i) => {
      const next = kept[i + 1];
      return next === undefined || Math.abs(position(next) - position(t)) >= extent(t) + extent(next) + gap;
    });
  for (let every = 1; every <= Math.max(1, pool.length); every++) {
    // Of the `every` possible phases, the one that keeps the most decades (then the first).
    const candidates = Array.from({ length: every }, (_, phase) => pool.filter((_, i) => i % every === phase))
      .filter((kept) => kept.length > 0 && fits(kept))
      .sort((a, b) => b.filter((t) => t.major).length - a.filter((t) => t.major).length);
    const kept = candidates[0];
    if (kept !== undefined && (kept.length >= 2 || pool.length < 2 || every === pool.length)) {
      const keep = new Set(kept);
      return ticks.map((t) => (keep.has(t) ? t : { ...t, label: "" }));
    }
  }
  return ticks.map((t) => ({ ...t, label: "" }));
}
