/**
 * What a caller may tell the readers beyond the files themselves: the flags `--col`, `--set`,
 * `--context`, `--loss-unit`, `--skip-bad-rows`, `--every`, `--max-points`, already parsed.
 */
export interface ReadOptions {
  /** field -> column name, from `--col loss=val/loss` (fields: see fields.ts). */
  columns?: Record<string, string>;
  /** field -> constant for every row of every file, from `--set params=1.2e8`. */
  set?: Record<string, number>;
  /** Tokens per sequence, from `--context`: batchTokens = batch_size x context. */
  contextTokens?: number;
  /** Unit of the loss in the files; bits are converted to nats. @default "nats" */
  lossUnit?: "nats" | "bits";
  /** Drop bad rows with a count instead of failing. @default false */
  skipBadRows?: boolean;
  /** Keep every k-th row of each run, in file order, while reading (the last is always kept). */
  every?: number;
  /** Keep at most n points of each run, evenly spaced in log-step (binned while reading: at most n rows a decade of step are held per run). */
  maxPoints?: number;
  /**
   * Read with the native reader when it is built (native.ts): same rows, values and errors,
   * faster. False: JavaScript only (the CLI's SCALING_NATIVE=0). @default true
   */
  native?: boolean;
  /** Where `-` reads from (the CLI passes process.stdin). */
  stdin?: NodeJS.ReadableStream;
  /** Called per chunk read with bytes so far and the total size of all files (0 when unknown). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}
