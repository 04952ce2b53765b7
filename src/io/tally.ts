/**
 * A run's points counted instead of kept, for reads that show runs without their points
 * (`inspect`; readRunSummaries in read.ts): the count, the best loss, and the final loss as
 * finalize.ts would find it — the loss of the last point once the points are sorted by step (by
 * tokens when a point has no step; in file order when a point has neither), ties in file order.
 * Memory is a few numbers a run, whatever the file's size.
 */
/** A native scan's summary of a segment's points: the place of each number (native/scaling.c, Segments). */
const S = { points: 0, bestLoss: 1, lastLoss: 2, stepMissing: 3, topStep: 4, lossAtTopStep: 5, tokensMissing: 6, topTokens: 7, lossAtTopTokens: 8, derived: 9 } as const;

/** Numbers a segment's summary takes. */
export const SEGMENT_FIELDS = 10;

export class RunTally {
  points = 0;
  bestLoss = Infinity;
  /** Whether a point had no step, or no tokens. */
  stepMissing = false;
  tokensMissing = false;
  /** The largest step and tokens so far, and the loss of the last point with it. */
  private topStep = -Infinity;
  private lossAtTopStep = NaN;
  private topTokens = -Infinity;
  private lossAtTopTokens = NaN;
  private lastLoss = NaN;
  /** The first point's step and tokens (a run of one row is named by its tokens). */
  firstStep = NaN;
  firstTokens = NaN;

  add(step: number, tokens: number, loss: number): void {
    if (this.points++ === 0) {
      this.firstStep = step;
      this.firstTokens = tokens;
    }
    if (loss < this.bestLoss) this.bestLoss = loss;
    this.lastLoss = loss;
    if (Number.isNaN(step)) this.stepMissing = true;
    else if (step >= this.topStep) {
      this.topStep = step;
      this.lossAtTopStep = loss;
    }
    if (Number.isNaN(tokens)) this.tokensMissing = true;
    else if (tokens >= this.topTokens) {
      this.topTokens = tokens;
      this.lossAtTopTokens = loss;
    }
  }

  /**
   * Adds the points a native scan summarized (native/scaling.c, Segments: SEGMENT_FIELDS numbers
   * at summary[at]), as `add` of each in turn would: counts add, the best is the lower, ties of
   * the top step go to the later points. False (nothing added) when a point's tokens are to be
   * derived from FLOPs, which needs the row's params.
   */
  merge(summary: Float64Array, at: number): boolean {
    if (summary[at + S.derived] === 1) return false;
    const points = summary[at + S.points]!;
    if (points === 0) return true;
    this.points += points;
    if (summary[at + S.bestLoss]! < this.bestLoss) this.bestLoss = summary[at + S.bestLoss]!;
    this.lastLoss = summary[at + S.lastLoss]!;
    if (summary[at + S.stepMissing] === 1) this.stepMissing = true;
    const topStep = summary[at + S.topStep]!;
    if (topStep > -Infinity && topStep >= this.topStep) {
      this.topStep = topStep;
      this.lossAtTopStep = summary[at + S.lossAtTopStep]!;
    }
    if (summary[at + S.tokensMissing] === 1) this.tokensMissing = true;
    const topTokens = summary[at + S.topTokens]!;
    if (topTokens > -Infinity && topTokens >= this.topTokens) {
      this.topTokens = topTokens;
      this.lossAtTopTokens = summary[at + S.lossAtTopTokens]!;
    }
    return true;
  }

  /** The loss of the last point in finalize.ts's order. */
  finalLoss(): number {
    if (!this.stepMissing) return this.lossAtTopStep;
    if (!this.tokensMissing) return this.lossAtTopTokens;
    return this.lastLoss;
  }
}
