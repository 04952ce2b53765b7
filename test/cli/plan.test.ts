import { describe, expect, it } from "vitest";
import { runCli, spawnCli } from "../helpers/cli.js";
import { expectRel } from "../helpers/close.js";
import { expectGolden } from "../helpers/golden.js";

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
