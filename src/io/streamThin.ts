/**
 * Thinning while reading, so memory is bounded by the points kept, not by the file:
 * `--every k` keeps a run's 1st, (k+1)th, ... row in file order (and its last row);
 * `--max-points n` keeps, of each run, the row of smallest step in every 1/(4n) of a decade of
 * step (bin ⌊4n · log10(step)⌋, step 0 a bin of its own; tokens when a row has no step) and the
 * row of largest step. That set depends only on the run's rows, not on their order or on
 * chunking, and holds at most 4n points a decade; the final choice of n points evenly in
 * log-step is made on it (finalize.ts).
 */
import { Column } from "./column.js";
import type { RunArenas } from "./collector.js";

/** Bins a decade, for `--max-points n`: fine enough that the final choice of n loses nothing. */
export const BINS_PER_POINT = 4;

/**
 * The bin of a step (or tokens) value for `--max-points n`: ⌊4n · log10(key)⌋, -Infinity for 0.
 * (bench/baseline/fit_curves.py does the same.)
 */
export function binOf(key: number, maxPoints: number): number {
  return key > 0 ? Math.floor(BINS_PER_POINT * maxPoints * Math.log10(key)) : -Infinity;
}

/**
 * Bins held in a run's array (4 bytes each), from the first bin the run meets: n = 500 and steps
 * from 1 to 1e15 need 30,000. Bins below the first, or beyond this many after it, go in a Map:
 * `--max-points 2e11` asked for an array of 2.4e12 (fuzz seed 2033). The window starts at the
 * first bin, not at 0: a run keyed by tokens (a table of final results) starts near bin 18,000,
 * and an array from 0 cost 72 KB a run (17 MB zeroed for Chinchilla's 240 points).
 */
const DENSE_BINS = 1 << 16;

/** One run's kept rows while reading with `--max-points`: one a bin, plus the largest step. */
export class LogBins {
  readonly steps: Column;
  readonly tokens: Column;
  readonly loss: Column;
  /** The first bin of the array's window: the first finite bin offered (NaN before it). */
  private base = NaN;
  /**
   * Slot of bin base + i at i in the columns, plus one (0: the bin is empty). It starts at 8
   * bins, 32 bytes, which V8 keeps in its heap: a larger typed array is an allocation outside
   * it, ~5 µs, which was most of the time reading a table of final results (a run a row).
   */
  private slots = new Int32Array(8);
  /** Slots of the other bins: below the window (key 0, or rows before the first out of order) and past it (a large n). */
  private readonly sparse = new Map<number, number>();
  /** The row of largest key so far (ties: the first), unless it is its bin's kept row. */
  private topKey = -Infinity;
  private topStep = NaN;
  private topTokens = NaN;
  private topLoss = NaN;
  /** The top row's slot while a bin keeps it, else -1. */
  private topSlot = -1;

  /** @param arenas - where the kept rows live (the collector's; by default, the columns' own) */
  constructor(
    private readonly maxPoints: number,
    arenas?: RunArenas,
  ) {
    this.steps = new Column(arenas?.steps);
    this.tokens = new Column(arenas?.tokens);
    this.loss = new Column(arenas?.loss);
  }

  /** Offer a row; rows without a step or tokens to bin by are all kept. */
  add(step: number, tokens: number, loss: number): void {
    const key = Number.isNaN(step) ? tokens : step;
    if (Number.isNaN(key)) {
      this.push(step, tokens, loss);
      return;
    }
    const bin = binOf(key, this.maxPoints);
    if (Number.isNaN(this.base) && bin > -Infinity) this.base = bin;
    // NaN before the first finite bin, -Infinity for key 0: the Map.
    const index = bin - this.base;
    const dense = index >= 0 && index < DENSE_BINS;
    if (dense && index >= this.slots.length) {
      const grown = new Int32Array(Math.min(DENSE_BINS, Math.max(index + 1, 2 * this.slots.length)));
      grown.set(this.slots);
      this.slots = grown;
    }
    let slot = (dense ? this.slots[index]! : (this.sparse.get(bin) ?? 0)) - 1;
    if (slot < 0) {
      slot = this.push(step, tokens, loss);
      if (dense) this.slots[index] = slot + 1;
      else this.sparse.set(bin, slot + 1);
    } else if (key < keyAt(this.steps, this.tokens, slot)) {
      if (slot === this.topSlot) this.topSlot = -1;
      this.steps.set(slot, step);
      this.tokens.set(slot, tokens);
      this.loss.set(slot, loss);
    } else {
      slot = -1;
    }
    // Ties keep the first row, as the bins do.
    if (key > this.topKey) {
      this.topKey = key;
      this.topStep = step;
      this.topTokens = tokens;
      this.topLoss = loss;
      this.topSlot = slot;
    }
  }

  /** The kept rows: the bins' rows, then the largest-step row if its bin kept another. */
  finish(): { steps: Column; tokens: Column; loss: Column } {
    if (this.topKey > -Infinity && this.topSlot < 0) this.push(this.topStep, this.topTokens, this.topLoss);
    this.topKey = -Infinity;
    return { steps: this.steps, tokens: this.tokens, loss: this.loss };
  }

  private push(step: number, tokens: number, loss: number): number {
    this.steps.push(step);
    this.tokens.push(tokens);
    this.loss.push(loss);
    return this.loss.length - 1;
  }
}

function keyAt(steps: Column, tokens: Column, slot: number): number {
  const step = steps.at(slot);
  return Number.isNaN(step) ? tokens.at(slot) : step;
}
