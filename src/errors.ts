/**
 * The one error type the core throws. The CLI maps `code` to an exit code and prints
 * `message` as one line; nothing else about it is shown unless `--debug`.
 */
export type ScalingErrorCode =
  | "usage" // a bad flag or value given by the user
  | "input" // a file that cannot be read or parsed
  | "data" // data that cannot support what was asked (too few points, one model size)
  | "numeric" // a computation left its valid range (bracket failed, non-finite result)
  | "fit" // a fit that did not converge
  | "output"; // a file that cannot be written

export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export class ScalingError extends Error {
  readonly code: ScalingErrorCode;
  readonly location: SourceLocation | undefined;

  constructor(code: ScalingErrorCode, message: string, location?: SourceLocation) {
    super(message);
    this.name = "ScalingError";
    this.code = code;
    this.location = location;
  }

  /** `file:line:column: message`, or the bare message when there is no location. */
  toString(): string {
    return formatLocated(this.message, this.location);
  }
}

export function formatLocated(message: string, location?: SourceLocation): string {
  if (location === undefined) return message;
  let where = location.file;
  if (location.line !== undefined) where += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) where += `:${location.column}`;
  return `${where}: ${message}`;
}

export function isScalingError(error: unknown): error is ScalingError {
  return error instanceof ScalingError;
}
