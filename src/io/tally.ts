/**
 * A run's points counted instead of kept, for reads that show runs without their points
 * (`inspect`; readRunSummaries in read.ts): the count, the best loss, and the final loss as
 * finalize.ts would find it — the loss of the last point once the points are sorted by step (by
 * tokens when a point has no step; in file order when a point has neither), ties in file order.
 * Memory is a few numbers a run, whatever the file's size.
 */
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

  /** The loss of the last point in finalize.ts's order. */
  finalLoss(): number {
    if (!this.stepMissing) return this.lossAtTopStep;
    if (!this.tokensMissing) return this.lossAtTopTokens;
    return this.lastLoss;
  }
}
