/**
 * Bad rows collected while reading, reported together: the first few, then a count
 * (STYLE.md, Errors). With --skip-bad-rows they are only counted.
 */
import type { SourceLocation } from "../errors.js";
import { ScalingError, formatLocated } from "../errors.js";

/** Rows shown in full in the error; the rest are counted. */
export const SHOWN_BAD_ROWS = 3;

export interface BadRow extends SourceLocation {
  message: string;
}

/** A ScalingError("input") that also carries the bad rows it reports. */
export class BadInputError extends ScalingError {
  readonly problems: BadRow[];
  readonly total: number;

  constructor(problems: BadRow[], total: number) {
    const first = problems[0]!;
    const more = problems.slice(1).map((problem) => formatLocated(problem.message, problem));
    const rest = total - problems.length;
    const tail = rest > 0 ? [`...and ${rest} more bad row${rest === 1 ? "" : "s"}; fix them or pass --skip-bad-rows`] : [];
    super("input", [first.message, ...more, ...tail].join("\n"), { file: first.file, line: first.line, column: first.column });
    this.problems = problems;
    this.total = total;
  }
}

export class BadRows {
  readonly shown: BadRow[] = [];
  count = 0;

  add(problem: BadRow): void {
    this.count += 1;
    if (this.shown.length < SHOWN_BAD_ROWS) this.shown.push(problem);
  }

  /** Throws the collected rows as one error unless they are to be skipped; returns the count. */
  settle(skip: boolean): number {
    if (this.count > 0 && !skip) throw new BadInputError(this.shown, this.count);
    return this.count;
  }
}
