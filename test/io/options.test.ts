/** Reading options: --col, --set, --context, --loss-unit, derived fields, grouping, thinning, stdin. */
import { Readable } from "node:stream";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readRuns } from "../../src/io/read.js";
import { thinIndices } from "../../src/io/thin.js";
import { ROOT, spawnCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "scaling-opt-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe("columns and derived fields", () => {
  it("finds columns case- and separator-insensitively and by --col", async () => {
    const path = file("cols.csv", "Model Size,Train Loss,Val/Loss,Global Step,my_loss\n1e6,9,3,10,7\n");
    expect((await readRuns([path], { set: { batch_tokens: 1000 } })).runs[0]!.finalLoss).toBe(3);
    const set = await readRuns([path], { columns: { loss: "my_loss", params: "Model Size" } });
    expect(set.runs[0]!.finalLoss).toBe(7);
    expect(set.runs[0]!.nParams).toBe(1e6);
    expect(set.summary.columns).toMatchObject({ loss: "my_loss", params: "Model Size", step: "Global Step" });
  });

  it("JSONL lines without the --col key are bad rows, skippable", async () => {
    const path = file("mixed.jsonl", '{"step": 1, "loss": 5}\n{"step": 1, "eval/loss": 4}\n{"step": 2, "loss": 4.5}\n{"step": 2, "eval/loss": 3.5}\n');
    const set = await readRuns([path], { columns: { loss: "eval/loss" }, set: { params: 1e6 }, skipBadRows: true });
    expect(Array.from(set.runs[0]!.loss)).toEqual([4, 3.5]);
    expect(set.summary.skipped).toBe(2);
  });

  it("derives params = 12 n_layer d_model^2 and batchTokens = batch_size x context", async () => {
    const path = file("shape.csv", "n_layer,d_model,batch_size,step,loss\n12,768,512,100,3.5\n");
    const set = await readRuns([path], { contextTokens: 1024 });
    expect(set.runs[0]).toMatchObject({ nParams: 12 * 12 * 768 ** 2, batchTokens: 512 * 1024 });
    expect(Array.from(set.runs[0]!.tokens!)).toEqual([100 * 512 * 1024]);
    expect(set.summary.derived).toEqual(["params = 12 x n_layer x d_model^2", "batchTokens = batch_size x context", "tokens = step x batchTokens"]);
  });

  it("derives tokens = flops / (6 params)", async () => {
    const set = await readRuns([file("flops.csv", "params,flops,loss\n1e8,6e18,3\n")]);
    expect(Array.from(set.runs[0]!.tokens!)).toEqual([1e10]);
  });

  it("reads SI suffixes in cells", async () => {
    const set = await readRuns([file("si.csv", "params,tokens,loss\n1.3B,300B,2.1\n")]);
    expect(set.runs[0]!.nParams).toBe(1.3e9);
    expect(Array.from(set.runs[0]!.tokens!)).toEqual([3e11]);
  });

  it("--loss-unit bits converts to nats", async () => {
    const set = await readRuns([file("bits.csv", "params,tokens,loss\n1e8,1e9,4\n")], { lossUnit: "bits" });
    expect(set.runs[0]!.finalLoss).toBeCloseTo(4 * Math.LN2, 12);
  });
});

describe("grouping", () => {
  it("groups a file without a run column by (params, batch)", async () => {
    const set = await readRuns([file("pairs.csv", "params,batch_tokens,step,loss\n1e6,1000,2,3\n1e6,1000,1,4\n2e6,1000,1,3.5\n")]);
    expect(set.runs.map((run) => run.id)).toEqual(["N=1.00M B=1.00k", "N=2.00M B=1.00k"]);
    expect(Array.from(set.runs[0]!.steps!)).toEqual([1, 2]);
    expect(Array.from(set.runs[0]!.loss)).toEqual([4, 3]);
    expect(set.runs[0]).toMatchObject({ finalLoss: 3, bestLoss: 3 });
  });

  it("names a one-run file after the file", async () => {
    const path = file("one.csv", "step,loss\n1,4\n2,3\n3,3.2\n");
    const set = await readRuns([path], { set: { params: 1e6 } });
    expect(set.runs[0]).toMatchObject({ id: path, finalLoss: 3.2, bestLoss: 3, nParams: 1e6 });
  });
});

describe("thinning", () => {
  it("--every keeps every k-th point and the last", () => {
    expect(thinIndices(Float64Array.of(1, 2, 3, 4, 5, 6), { every: 2 })).toEqual([0, 2, 4, 5]);
  });

  it("--max-points spaces points evenly in log-step", () => {
    const steps = Float64Array.from({ length: 1000 }, (_, i) => i + 1);
    const kept = thinIndices(steps, { maxPoints: 4 }).map((i) => steps[i]!);
    expect(kept).toEqual([1, 10, 100, 1000]);
  });

  it("--every thins while reading, in file order, keeping each run's last row", async () => {
    const rows = Array.from({ length: 11 }, (_, i) => `a,1e6,${i + 1},${3 - i / 100}\nb,2e6,${i + 1},2`).join("\n");
    const set = await readRuns([file("every.csv", `run,params,step,loss\n${rows}\n`)], { every: 3 });
    expect(set.runs.map((run) => Array.from(run.steps!))).toEqual([[1, 4, 7, 10, 11], [1, 4, 7, 10, 11]]);
    expect(set.runs[0]!.finalLoss).toBe(2.9);
    expect(set.summary.rows).toBe(22);
  });

  it("--max-points compacts long curves while reading and still spans the whole curve", async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `a,1e6,${i + 1},${2 + 1 / (i + 1)}`).join("\n");
    const set = await readRuns([file("long.csv", `run,params,step,loss\n${rows}\n`)], { maxPoints: 10 });
    const steps = Array.from(set.runs[0]!.steps!);
    expect(steps).toHaveLength(10);
    expect(steps[0]).toBe(1);
    expect(steps[9]).toBe(20_000);
    // Evenly in log-step: each step about 20000^(1/9) = 3.0x the one before (compaction keeps ~13% spacing).
    for (let i = 2; i < 10; i++) expect(Math.abs(Math.log(steps[i]! / steps[i - 1]!) - Math.log(20_000) / 9)).toBeLessThan(0.3);
  });

  it("applies to each curve after sorting", async () => {
    const rows = Array.from({ length: 100 }, (_, i) => `a,1e6,${100 - i},${2 + 1 / (100 - i)}`).join("\n");
    const set = await readRuns([file("thin.csv", `run,params,step,loss\n${rows}\n`)], { maxPoints: 3 });
    expect(Array.from(set.runs[0]!.steps!)).toEqual([1, 10, 100]);
    expect(set.runs[0]!.finalLoss).toBe(2.01);
  });
});

describe("stdin", () => {
  it("reads - from the given stream", async () => {
    const stdin = Readable.from([Buffer.from("run,params,step,loss\na,1e6,1,"), Buffer.from("3\na,1e6,2,2.5\n")]);
    const set = await readRuns(["-"], { stdin });
    expect(Array.from(set.runs[0]!.loss)).toEqual([3, 2.5]);
    expect(set.summary.files[0]).toMatchObject({ file: "<stdin>", format: "csv" });
    expect(set.runs[0]!.file).toBe("<stdin>");
  });

  it("scaling inspect - reads stdin in the built CLI", () => {
    const result = spawnCli(["inspect", "-", "--json"], { input: '{"run":"a","params":1e6,"step":1,"loss":3}\n{"run":"a","params":1e6,"step":2,"loss":2.5}\n', cwd: ROOT });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ rows: 2, format: "jsonl", runs: [{ id: "a", points: 2, finalLoss: 2.5 }] });
  });
});
