/**
 * The shapes of `scaling check`: a training proposal, the verdict of one check on it, and the
 * report over many proposals (DESIGN.md, "check --json"). Plain data; no behaviour.
 */
import type { SourceLocation } from "../errors.js";

export type CheckId = "overfitting" | "compute-efficiency" | "batch-size" | "target-loss" | "model-size" | "consistency";

/** The order checks are run and reported in. */
export const CHECK_IDS: readonly CheckId[] = [
  "consistency",
  "overfitting",
  "compute-efficiency",
  "batch-size",
  "target-loss",
  "model-size",
];

export type CheckStatus = "pass" | "warn" | "fail" | "skip";

/** One check's verdict: the measured value, the limit it was held to, and a one-line reason. */
export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  message: string;
  /** The measured quantity (units in the message); null when skipped. */
  value: number | null;
  /** The threshold the value was compared with; null when skipped. */
  limit: number | null;
}

/**
 * A proposed training run as the user wrote it: any subset of the quantities, all in base
 * units (parameters, tokens, steps, FLOPs, nats/token). Which checks apply follows from
 * which fields are present.
 */
export interface Proposal {
  name: string;
  /** N: non-embedding parameters for Kaplan-family laws, all parameters for Chinchilla's. */
  nParams: number;
  nTokens?: number;
  batchTokens?: number;
  steps?: number;
  flops?: number;
  /** Unique tokens available (the dataset); overfitting uses it, else nTokens. */
  datasetTokens?: number;
  targetLossNats?: number;
  /** Where the proposal was written, for annotations. */
  source?: SourceLocation;
}

export interface ProposalResult {
  name: string;
  ok: boolean;
  checks: CheckResult[];
  /** The loss the law predicts for the run, nats/token; null when it has no tokens. */
  predictedLossNats: number | null;
  source?: SourceLocation;
}

export interface CheckReport {
  ok: boolean;
  law: string;
  proposals: ProposalResult[];
}
