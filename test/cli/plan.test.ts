import { describe, expect, it } from "vitest";
import { runCli, spawnCli } from "../helpers/cli.js";
import { expectRel } from "../helpers/close.js";
import { expectGolden } from "../helpers/golden.js";

// Written out, not imported from src/plan/budgetRange.ts: a change of the message shows here.
const RANGE =
  "plan covers budgets of 1e12 to 1e30 FLOPs (below, models smaller than any the laws were measured on; above, 1e6x past their data)";

const golden: Array<[string, string[]]> = [
  ["plan-kaplan", ["plan", "--compute", "1e21"]],
  ["plan-chinchilla-gpus", ["plan", "--compute", "3.5pf-days", "--law", "chinchilla", "--gpus", "64", "--gpu", "h100"]],
  ["plan-compare", ["plan", "--compute", "1e22", "--compare"]],
  ["plan-target-loss", ["plan", "--target-loss", "2.3"]],
  ["plan-params-epoch", ["plan", "--params", "1.3B", "--law", "epoch"]],
  ["plan-max-tokens", ["plan", "--compute", "1e23", "--max-tokens", "1e11"]],
  ["plan-json", ["plan", "--compute", "1e21", "--json"]],
  ["predict-tokens", ["predict", "--params", "1.3e9", "--tokens", "2.6e10"]],
  ["predict-steps-json", ["predict", "--params", "1.3B", "--steps", "250k", "--batch-tokens", "0.5M", "--json"]],
  ["laws", ["laws"]],
];

const badInput: Array<[string, string[], string]> = [
  ["bad-compute-letters", ["plan", "--compute", "12abc"], 'scaling: --compute: "12abc" is not a number; write it like 1e21, 1.3B, 300M or 3.5pf-days\n'],
  ["bad-compute-negative", ["plan", "--compute", "-5"], 'scaling: --compute: "-5" must be greater than zero\n'],
  ["bad-compute-zero", ["plan", "--compute", "0"], 'scaling: --compute: "0" must be greater than zero\n'],
  ["bad-compute-nan", ["plan", "--compute", "NaN"], 'scaling: --compute: "NaN" is not a number; write it like 1e21, 1.3B, 300M or 3.5pf-days\n'],
  ["bad-compute-huge", ["plan", "--compute", "1e400"], 'scaling: --compute: "1e400" is too large to represent; use a finite number\n'],
  ["no-goal", ["plan"], "scaling: plan needs one of --compute, --target-loss or --params (e.g. scaling plan --compute 1e21)\n"],
  ["two-goals", ["plan", "--compute", "1e21", "--params", "1e9"], "scaling: give only one of --compute, --target-loss and --params\n"],
  ["unknown-law", ["plan", "--compute", "1e21", "--law", "gpt5"], 'scaling: --law: "gpt5" is neither a preset (kaplan, chinchilla, epoch) nor a fit file path\n'],
  ["missing-law-file", ["plan", "--compute", "1e21", "--law", "nope/fit.json"], "scaling: nope/fit.json: no such file; --law takes kaplan, chinchilla, epoch or a file from `scaling fit --out`\n"],
  ["unknown-gpu", ["plan", "--compute", "1e21", "--gpus", "8", "--gpu", "tpu-v9"], 'scaling: --gpu: unknown accelerator "tpu-v9"; known: v100, a100, a10g, l4, l40s, h100, h100-pcie, h200, b200, mi250x, mi300x, tpu-v4, tpu-v5e, tpu-v5p (or give --peak-flops)\n'],
  ["target-below-E", ["plan", "--target-loss", "1.5", "--law", "chinchilla"], 'scaling: --target-loss 1.5 is at or below law "chinchilla"\'s irreducible loss E = 1.69337368; no budget reaches it\n'],
  ["mfu-over-one", ["plan", "--compute", "1e21", "--mfu", "1.5"], 'scaling: --mfu: "1.5" must be a fraction between 0 and 1 (e.g. 0.4)\n'],
  // One range for every goal (src/plan/budgetRange.ts): 1e8 gave a 2.69-parameter model, 1e40 and 1.3B were accepted.
  ["compute-below-range", ["plan", "--compute", "1e8"], `scaling: --compute 1.00e8 FLOPs is out of range: ${RANGE}\n`],
  ["compute-1.3B-flops", ["plan", "--compute", "1.3B"], `scaling: --compute 1.30e9 FLOPs is out of range: ${RANGE}\n`],
  ["compute-above-range", ["plan", "--compute", "1e40"], `scaling: --compute 1.00e40 FLOPs is out of range: ${RANGE}\n`],
  ["compute-above-range-chinchilla", ["plan", "--compute", "1e40", "--law", "chinchilla"], `scaling: --compute 1.00e40 FLOPs is out of range: ${RANGE}\n`],
  [
    "params-below-range",
    ["plan", "--params", "1e3"],
    `scaling: --params 1000 needs a budget of 5.92e11 FLOPs under law "kaplan", out of range: ${RANGE}; under this law those are models of 1430 to 2.61e15 parameters\n`,
  ],
  [
    "target-loss-above-range",
    ["plan", "--target-loss", "0.5"],
    `scaling: --target-loss 0.5000 needs a budget of 1.53e34 FLOPs under law "kaplan", out of range: ${RANGE}; under this law those reach losses from 7.287 down to 0.8287 nats/token\n`,
  ],
  // --batch-tokens was silently ignored under kaplan (B stayed 2.90e6).
  [
    "batch-tokens-kaplan",
    ["plan", "--compute", "1e21", "--batch-tokens", "1e6"],
    'scaling: --batch-tokens is for laws without a batch law (chinchilla, epoch); law "kaplan" trains at B = k x B_crit(L), so set k with --batch-factor instead\n',
  ],
  // --law was silently dropped by --compare.
  ["compare-with-law", ["plan", "--compute", "1e21", "--compare", "--law", "chinchilla"], "scaling: --compare shows every preset (kaplan, chinchilla, epoch) side by side; it takes no --law (drop one of them)\n"],
  ["compare-with-default-law", ["plan", "--compute", "1e21", "--compare", "--law", "kaplan"], "scaling: --compare shows every preset (kaplan, chinchilla, epoch) side by side; it takes no --law (drop one of them)\n"],
  ["predict-no-params", ["predict", "--tokens", "1e10"], "scaling: predict needs --params (e.g. scaling predict --params 1.3e9 --tokens 2.6e10)\n"],
  ["unknown-option", ["plan", "--compute", "1e21", "--budget", "3"], "scaling: unknown option '--budget'\n"],
  ["unknown-command", ["plna"], "scaling: unknown command 'plna'\n(Did you mean plan?)\n"],
];

describe("CLI golden output", () => {
  it.each(golden)("%s", async (name, args) => {
    const result = await runCli(args);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expectGolden(name, args, result);
  });
});

describe("bad input: exit 2, one clear line, no stack trace", () => {
  it.each(badInput)("%s", async (_, args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(message);
  });
});

describe("plan --json contract (DESIGN.md)", () => {
  it("has every promised field, as plain numbers", async () => {
    const result = await runCli(["plan", "--compute", "1e21", "--json"]);
    const doc = JSON.parse(result.stdout) as Record<string, unknown>;
    for (const key of ["law", "flops", "pfDays", "params", "tokens", "batchTokens", "steps", "loss", "minTokens", "overfitTolerance", "shape", "empirical"]) {
      expect(doc).toHaveProperty(key);
    }
    expect(doc.law).toBe("kaplan");
    expect(doc.flops).toBe(1e21);
    expectRel(6 * (doc.params as number) * (doc.tokens as number), 1e21, 1e-9);
    expectRel(doc.pfDays as number, 1e21 / 8.64e19, 1e-12);
    expect(Object.keys(doc.empirical as object).sort()).toEqual(["batchTokens", "params", "steps", "tokens"]);
    expect(Object.keys(doc.shape as object).sort()).toEqual(["dModel", "nHeads", "nLayer"]);
  });

  it("Chinchilla-family laws give null batchTokens, steps and empirical", async () => {
    const doc = JSON.parse((await runCli(["plan", "--compute", "1e21", "--law", "epoch", "--json"])).stdout);
    expect(doc.batchTokens).toBeNull();
    expect(doc.steps).toBeNull();
    expect(doc.empirical).toBeNull();
  });

  it("wall-clock time is flops / (gpus x peak x MFU)", async () => {
    const doc = JSON.parse((await runCli(["plan", "--compute", "1e23", "--gpus", "512", "--gpu", "a100", "--mfu", "0.5", "--json"])).stdout);
    expectRel(doc.hardware.seconds, 1e23 / (512 * 312e12 * 0.5), 1e-12);
    expectRel(doc.hardware.gpuHours, (512 * 1e23) / (512 * 312e12 * 0.5) / 3600, 1e-12);
  });
});

describe("plan: what the walkthrough found", () => {
  const firstLine = async (args: string[]): Promise<string> => (await runCli(args)).stdout.split("\n")[0]!;

  it("--compare headings state the goal in words, with its value", async () => {
    expect(await firstLine(["plan", "--compute", "1e22", "--compare"])).toBe("Plans for 1.00e22 FLOPs (116 PF-days), side by side");
    expect(await firstLine(["plan", "--target-loss", "2.3", "--compare"])).toBe("Plans to reach a loss of 2.300 nats/token, side by side");
    expect(await firstLine(["plan", "--params", "1.3B", "--compare"])).toBe("Plans for a model of 1.30B params, side by side");
  });

  it("no shape contradicts N: at 1e12 FLOPs kaplan's 1.43k-parameter model has none, in the table and in JSON", async () => {
    const text = await runCli(["plan", "--compute", "1e12"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/│ shape +│ none: N is below the smallest, 1 layer x d_model 64 \(49152 params\) │/);
    expect(text.stdout).not.toContain("1 layers x d_model 64");
    const doc = JSON.parse((await runCli(["plan", "--compute", "1e12", "--json"])).stdout);
    expectRel(doc.params, 1430, 1e-3);
    expect(doc.shape).toBeNull();
    // A model in a gap between the small shapes: 60k is 22% above 1 x 64 and 23% below 2 x 64.
    expect((await runCli(["plan", "--params", "60k"])).stdout).toMatch(/│ shape +│ none within 5% of N \(d_model a multiple of 64\) │/);
    const compare = await runCli(["plan", "--compute", "1e12", "--compare"]);
    expect(compare.stdout).toMatch(/│ shape +│ +none │ +none │ +none │/);
    expect(compare.stdout).toContain("Shape none: no n_layer x d_model (d_model a multiple of 64) has 12 n_layer d_model^2 within 5% of N.");
  });

  it("--compare --batch-tokens sets the batch of chinchilla and epoch, and says kaplan keeps its own", async () => {
    const doc = JSON.parse((await runCli(["plan", "--compute", "1e21", "--compare", "--batch-tokens", "1e6", "--json"])).stdout);
    const [kaplan, chinchilla, epoch] = doc.plans;
    for (const p of [chinchilla, epoch]) {
      expect(p.batchTokens).toBe(1e6);
      expectRel(p.steps, p.tokens / 1e6, 1e-12);
    }
    expectRel(kaplan.batchTokens, kaplan.criticalBatchTokens, 1e-12); // k = 1: B = B_crit, 2.90e6
    expect(kaplan.warnings).toEqual([
      '--batch-tokens does not apply: law "kaplan" trains at B = k x B_crit(L) (--batch-factor); its batch and steps are its own',
    ]);
  });
});

describe("the installed executable", () => {
  it("runs plan, and exits 2 on bad input with one line on stderr", () => {
    const ok = spawnCli(["plan", "--compute", "1e21"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("Plan for a budget of 1.00e21 FLOPs (11.6 PF-days), law kaplan");
    const bad = spawnCli(["plan", "--compute", "12abc"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it("--help and --version exit 0", () => {
    expect(spawnCli(["--help"]).code).toBe(0);
    expect(spawnCli(["plan", "--help"]).stdout).toContain("scaling plan --compute 1e21");
    expect(spawnCli(["--version"]).stdout.trim()).toBe("0.1.0");
  });
});
