/**
 * Reading run logs into typed runs: the one entry point of io/ for the CLI.
 */
import { ScalingError } from "../errors.js";
import type { ReadOptions } from "./readOptions.js";
import type { RunSet } from "./runs.js";

export type { ReadOptions } from "./readOptions.js";

/**
 * Read run logs (CSV, TSV, JSONL, JSON array, W&B export, trainer_state.json; `-` is stdin)
 * into runs, streamed: memory grows with the points kept, not with the file size.
 * @throws ScalingError("input") located at file:line:column for bad input
 */
export async function readRuns(paths: string[], options: ReadOptions = {}): Promise<RunSet> {
  void options;
  throw new ScalingError("input", `reading ${paths.join(", ")}: not implemented yet`);
}
