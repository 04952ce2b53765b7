/** Every input format reads into the same runs (fixtures/formats, made by fixtures/make.mjs). */
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readRuns } from "../../src/io/read.js";
import type { RunSet } from "../../src/io/runs.js";
import { ROOT } from "../helpers/cli.js";

const fixture = (name: string): string => `${ROOT}fixtures/${name}`;

/** Runs as plain data: id -> {params, batch, steps, loss}. */
function shape(set: RunSet): Record<string, unknown> {
  return Object.fromEntries(
    set.runs.map((run) => [
      run.id.replace(/^.*trainer_state-(\w+)\.json$/, "$1"),
      { nParams: run.nParams, batchTokens: run.batchTokens, steps: Array.from(run.steps ?? []), tokens: Array.from(run.tokens ?? []), loss: Array.from(run.loss), finalLoss: run.finalLoss, bestLoss: run.bestLoss },
    ]),
  );
}

const STEPS = [1000, 2000, 4000, 8000, 16000, 32000];

describe("formats", async () => {
  const reference = await readRuns([fixture("formats/curves.csv")]);

  it("reads the CSV reference: two curves, sorted, tokens derived", () => {
    expect(reference.runs.map((run) => run.id)).toEqual(["small", "large"]);
    const small = reference.runs[0]!;
    expect(small.nParams).toBe(1e7);
    expect(small.batchTokens).toBe(65536);
    expect(Array.from(small.steps!)).toEqual(STEPS);
    expect(Array.from(small.tokens!)).toEqual(STEPS.map((step) => step * 65536));
    expect(small.loss[0]).toBe(5.912); // fixtures/formats/curves.csv line 2
    expect(small.finalLoss).toBe(small.loss[5]);
    expect(small.bestLoss).toBe(Math.min(...small.loss));
    expect(reference.summary).toMatchObject({ rows: 12, skipped: 0, kind: "curves", derived: ["tokens = step x batchTokens"] });
    expect(reference.summary.columns).toMatchObject({ run: "run", params: "params", batchTokens: "batch_tokens", step: "step", loss: "loss" });
  });

  it.each([
    ["formats/curves.tsv", "tsv", { run: "Run Name", params: "N", batchTokens: "Batch Tokens", loss: "Val Loss" }],
    ["formats/curves.jsonl", "jsonl", { loss: "eval/loss" }],
    ["formats/curves.json", "json", { run: "name", params: "n_params", loss: "val_loss" }],
  ])("%s reads into the same runs", async (name, format, columns) => {
    const set = await readRuns([fixture(name)]);
    expect(shape(set)).toEqual(shape(reference));
    expect(set.summary.files[0]!.format).toBe(format);
    expect(set.summary.columns).toMatchObject(columns);
  });

  it("reads a W&B export into the same runs, with params and batch from --set", async () => {
    const set = await readRuns([fixture("formats/wandb.csv")], { set: { batch_tokens: 65536 } });
    expect(set.summary.files[0]!.format).toBe("wandb");
    expect(set.runs.map((run) => run.id)).toEqual(["small", "large"]);
    const expected = shape(reference);
    const actual = shape(set);
    for (const id of ["small", "large"]) expect({ ...(actual[id] as object), nParams: null }).toEqual({ ...(expected[id] as object), nParams: null });
  });

  it("W&B: picks the validation loss of each run, or the metric --col names", async () => {
    const path = join(tmpdir(), `scaling-wandb-${process.pid}.csv`);
    writeFileSync(path, "Step,a - train/loss,a - val/loss,a - val/loss__MIN,b - train/loss\n1,5,6,6,4\n2,4,5,5,3\n");
    try {
      const picked = await readRuns([path], { set: { params: 1e6 } });
      expect(picked.runs.map((run) => [run.id, Array.from(run.loss)])).toEqual([["a", [6, 5]], ["b", [4, 3]]]);
      const named = await readRuns([path], { set: { params: 1e6 }, columns: { loss: "train/loss" } });
      expect(named.runs.map((run) => [run.id, Array.from(run.loss)])).toEqual([["a", [5, 4]], ["b", [4, 3]]]);
      writeFileSync(path, "step,loss,lr - warmup\n1,5,0.1\n");
      expect((await readRuns([path], { set: { params: 1e6 } })).summary.files[0]!.format).toBe("csv");
    } finally {
      rmSync(path, { force: true });
    }
  });

  it("reads trainer_state.json, one run per file, eval_loss preferred", async () => {
    const set = await readRuns([fixture("formats/trainer_state-small.json"), fixture("formats/trainer_state-large.json")], { set: { batch_tokens: 65536 } });
    expect(set.summary.files.map((file) => file.format)).toEqual(["trainer-state", "trainer-state"]);
    expect(set.runs.map((run) => run.id)).toEqual([fixture("formats/trainer_state-small.json"), fixture("formats/trainer_state-large.json")]);
    const expected = shape(reference);
    const actual = shape(set);
    for (const id of ["small", "large"]) expect({ ...(actual[id] as object), nParams: null }).toEqual({ ...(expected[id] as object), nParams: null });
  });

  it("reads the final-results sweep as one run a row", async () => {
    const set = await readRuns([fixture("sweep-final.csv")]);
    expect(set.summary.kind).toBe("final");
    expect(set.runs).toHaveLength(20);
    expect(set.runs[0]).toMatchObject({ id: "N1e7-D2e9", nParams: 1e7, finalLoss: 3.3138, steps: null });
    expect(Array.from(set.runs[0]!.tokens!)).toEqual([2e9]);
  });

  it("reads the learning curves: 12 runs of 60 points", async () => {
    const set = await readRuns([fixture("curves.csv")]);
    expect(set.runs).toHaveLength(12);
    expect(set.runs.every((run) => run.loss.length === 60)).toBe(true);
    expect(set.runs[0]).toMatchObject({ id: "N3e6-B64k", nParams: 3e6, batchTokens: 65536 });
  });
});
