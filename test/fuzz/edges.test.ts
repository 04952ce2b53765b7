/**
 * Numerical edge cases (issue 8, item 4), each with the exact message a user sees: budgets so
 * small the frontier leaves the laws' range, laws whose constants break the solver's bracket,
 * losses at or below a law's irreducible term, and the inputs the fuzz harness and the
 * property tests found (every one a regression test with the input that caused it).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHINCHILLA, EPOCH } from "../../src/laws/presets.js";
import type { LawChinchilla } from "../../src/laws/types.js";
import { runCli, spawnCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "scaling-edges-"));
function lawFile(name: string, fits: unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ fits }));
  return path;
}

/** N_opt and D_opt of Hoffmann et al. 2022, eq. 4, written out here (not the planner's code). */
function hoffmannSplit(law: LawChinchilla, flops: number): [number, number] {
  const g = Math.pow((law.alpha * law.A) / (law.beta * law.B), 1 / (law.alpha + law.beta));
  const sum = law.alpha + law.beta;
  return [g * Math.pow(flops / 6, law.beta / sum), Math.pow(flops / 6, law.alpha / sum) / g];
}

describe("budgets outside the laws' range", () => {
  const RANGE = "plan covers budgets of 1e12 to 1e30 FLOPs (below, models smaller than any the laws were measured on; above, 1e6x past their data)";

  it.each([
    ["1e-300", "1.00e-300"],
    ["1", "1.00"],
    ["9.99e11", "9.99e11"],
    ["1.01e30", "1.01e30"],
    ["1e300", "1.00e300"],
  ])("plan --compute %s is refused for every preset, before any law is solved", async (flops, shown) => {
    for (const law of ["kaplan", "chinchilla", "epoch"]) {
      expect(await runCli(["plan", "--compute", flops, "--law", law])).toEqual({
        code: 2,
        stdout: "",
        stderr: `scaling: --compute ${shown} FLOPs is out of range: ${RANGE}\n`,
      });
    }
  });

  it("below it, eq. 4 would give Chinchilla a model of less than one parameter (why the range has an end)", () => {
    for (const law of [CHINCHILLA.laws.chinchilla!, EPOCH.laws.chinchilla!]) expect(hoffmannSplit(law, 1)[0]).toBeLessThan(1);
  });

  it("plan --compute 1e12 works for every preset (the low end of the advertised range)", async () => {
    for (const name of ["kaplan", "chinchilla", "epoch"]) {
      const result = await runCli(["plan", "--compute", "1e12", "--law", name, "--json"]);
      expect(result.code).toBe(0);
      const plan = JSON.parse(result.stdout);
      expect(plan.params).toBeGreaterThanOrEqual(1);
      expect(Math.abs((6 * plan.params * plan.tokens) / 1e12 - 1)).toBeLessThan(1e-9);
    }
  });
});

describe("losses at or below the irreducible term", () => {
  it("plan --target-loss 1 --law chinchilla: below E = 1.69337368", async () => {
    expect(await runCli(["plan", "--target-loss", "1", "--law", "chinchilla"])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'scaling: --target-loss 1 is at or below law "chinchilla"\'s irreducible loss E = 1.69337368; no budget reaches it\n',
    });
  });

  it("plan --target-loss E exactly: at the floor", async () => {
    const result = await runCli(["plan", "--target-loss", "1.82", "--law", "epoch"]);
    expect(result.stderr).toBe('scaling: --target-loss 1.82 is at or below law "epoch"\'s irreducible loss E = 1.82; no budget reaches it\n');
    expect(result.code).toBe(2);
  });

  it("plan --target-loss a hair above E: no budget up to 1e30 FLOPs reaches it", async () => {
    const result = await runCli(["plan", "--target-loss", "1.69337369", "--law", "chinchilla"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^scaling: --target-loss 1\.693 needs a budget of more than 1e30 FLOPs under law "chinchilla", out of range: plan covers budgets of 1e12 to 1e30 FLOPs .*; under this law those reach losses from \S+ down to 1\.718 nats\/token\n$/,
    );
    // The loss at 1e30 FLOPs, by eq. 4 and the law written out here.
    const law = CHINCHILLA.laws.chinchilla!;
    const [n, d] = hoffmannSplit(law, 1e30);
    expect((law.E + law.A / n ** law.alpha + law.B / d ** law.beta).toFixed(3)).toBe("1.718");
  });
});

describe("law files whose constants break the laws or the solver's bracket", () => {
  const kaplanFits = (ns: Record<string, number>, bcrit: Record<string, number> = { Bstar: 2.1e8, alphaB: 0.21 }): unknown[] => [
    { law: "ns", params: { alphaN: 0.077, alphaS: 0.76, Nc: 6.5e13, Sc: 2.1e3, ...ns } },
    { law: "bcrit", params: bcrit },
  ];

  it.each([
    ["E", { E: -5 }, "params.E is -5; it must be zero or more"],
    ["alpha", { alpha: 0 }, "params.alpha is 0; it must be greater than zero"],
    ["A", { A: -406.4 }, "params.A is -406.4; it must be greater than zero"],
  ])("a Chinchilla fit with %s out of range is refused when read", async (_name, change, message) => {
    const path = lawFile(`chinchilla-${_name}.json`, [{ law: "chinchilla", params: { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28, ...change } }]);
    for (const command of [["plan", "--compute", "1e21"], ["predict", "--params", "1e9", "--tokens", "2e10"]]) {
      expect(await runCli([...command, "--law", path])).toEqual({
        code: 2,
        stdout: "",
        stderr: `scaling: ${path}: fits[0] (chinchilla): ${message} (is this a fit file from \`scaling fit --out\`?)\n`,
      });
    }
  });

  it("a Kaplan fit with a negative alphaN is refused when read", async () => {
    const path = lawFile("ns-negative.json", kaplanFits({ alphaN: -0.077 }));
    const result = await runCli(["plan", "--compute", "1e21", "--law", path]);
    expect(result.stderr).toBe(`scaling: ${path}: fits[0] (ns): params.alphaN is -0.077; it must be greater than zero (is this a fit file from \`scaling fit --out\`?)\n`);
    expect(result.code).toBe(2);
  });

  it("alphaS = 1e-300 (S_min ∝ L^(-1/alphaS) overflows): the bracket fails, said in the user's terms", async () => {
    const path = lawFile("ns-tiny-alphaS.json", kaplanFits({ alphaS: 1e-300 }));
    const result = await runCli(["plan", "--compute", "1e21", "--law", path]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `scaling: --compute 1.00e21 FLOPs is outside the range law "${path}" can plan for (its compute-optimal frontier has no point there); check the law's constants\n`,
    });
  });

  it("Nc = 1e300: every budget below ~1e307 FLOPs is off the frontier", async () => {
    const path = lawFile("ns-huge-Nc.json", kaplanFits({ Nc: 1e300 }));
    const result = await runCli(["plan", "--compute", "1e21", "--law", path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is outside the range law");
  });
});

describe("predict outside the laws' range", () => {
  it("predict with 1e-300 steps at a 1e-300-token batch: no loss, said plainly", async () => {
    expect(await runCli(["predict", "--params", "1", "--steps", "1e-300", "--batch-tokens", "1e-300"])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'scaling: law "kaplan" has no loss for 1.00e-300 steps at a batch of 1.00e-300 tokens (L(N,S_min) with S_min of eq. 5.4 cannot be solved there); give at least one step and a batch of at least one token\n',
    });
  });
});

describe("regressions: hangs found by fuzzing (the shape search looped over ~N^(1/3) depths)", () => {
  // As processes, so a hang is a timeout (spawnCli kills after 60 s) rather than a stuck worker.
  // Both goals now need budgets past 1e30 FLOPs, so they end in the range error; the shape
  // search on such N is tested directly (test/plan/shape.test.ts).
  it.each([
    [["plan", "--params", "1e30", "--json"]],
    [["plan", "--target-loss", "0.001", "--json"]],
  ])("scaling %j finishes, refused as out of range", (args) => {
    const started = Date.now();
    const result = spawnCli(args);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("out of range: plan covers budgets of 1e12 to 1e30 FLOPs");
  }, 30_000);

  it("the largest plan in range, --params 2.6e15, has a shape within 5% of N", async () => {
    const result = await runCli(["plan", "--params", "2.6e15", "--json"]);
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    const shapeParams = 12 * plan.shape.nLayer * plan.shape.dModel ** 2; // Kaplan Table 1
    expect(Math.abs(shapeParams / plan.params - 1)).toBeLessThan(0.05);
  });
});

describe("fit on data that cannot support a law (one model size, identical points, flat losses)", () => {
  const csv = (name: string, rows: string[]): string => {
    const path = join(dir, name);
    writeFileSync(path, ["run,params,tokens,loss", ...rows, ""].join("\n"));
    return path;
  };
  const oneSize = csv("one-size.csv", ["a,1e8,1e9,3.2", "b,1e8,2e9,3.1", "c,1e8,5e9,3.0"]);
  const identical = csv("identical.csv", ["a,1e8,1e9,3.2", "b,1e8,1e9,3.2", "c,1e8,1e9,3.2"]);
  const flat = csv("flat.csv", ["a,1e7,1e9,3", "b,1e8,1e9,3", "c,1e9,1e9,3", "d,1e7,1e10,3", "e,1e8,1e10,3", "f,1e9,1e10,3"]);
  const lastLine = (text: string): string => text.trimEnd().split("\n").pop()!;

  it.each([
    [oneSize, "n", "scaling: L(N) needs runs of at least 3 model sizes; got 1 model size"],
    [oneSize, "nd", "scaling: L(N,D) needs runs of at least 3 model sizes and 2 token counts; got 1 model size"],
    [oneSize, "chinchilla", "scaling: L(N,D) = E + A/N^alpha + B/D^beta needs runs of at least 3 model sizes and 2 token counts; got 1 model size"],
    [identical, "n", "scaling: L(N) needs runs of at least 3 model sizes; got 1 model size"],
    [identical, "chinchilla", "scaling: L(N,D) = E + A/N^alpha + B/D^beta needs runs of at least 3 model sizes and 2 token counts; got 1 model size"],
    [flat, "n", "scaling: n fit: the fit did not converge from any of 3 starts; the data may not follow this law"],
    [flat, "nd", "scaling: nd fit: the fit did not converge from any of 16 starts; the data may not follow this law"],
  ])("fit %s --law %s: exit 2, %s", async (file, law, message) => {
    const result = await runCli(["fit", file, "--law", law, "--bootstrap", "0"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(lastLine(result.stderr)).toBe(message);
  });

  it("fit flat.csv --law chinchilla: a flat law (E + A/N^alpha + B/D^beta = 3 at every point) is a valid fit", async () => {
    const result = await runCli(["fit", flat, "--law", "chinchilla", "--bootstrap", "0", "--json"]);
    expect(result.code).toBe(0);
    const { E, A, B, alpha, beta } = JSON.parse(result.stdout).fits[0].params;
    for (const [n, d] of [[1e7, 1e9], [1e9, 1e10]] as const) {
      const loss = E + A / n ** alpha + B / d ** beta;
      expect(Math.abs(loss / 3 - 1)).toBeLessThan(0.01);
    }
  }, 30_000);
});

describe("plan --compare validates the hardware flags with or without --json", () => {
  it("an unknown --gpu is exit 2 in the table too (it was ignored there)", async () => {
    const result = await runCli(["plan", "--compute", "1e21", "--compare", "--gpus", "8", "--gpu", "nope"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^scaling: --gpu: unknown accelerator "nope"; known: .*h100.* \(or give --peak-flops\)\n$/);
  });
});

describe("regressions found by fuzz seed 2033", () => {
  it("check refuses a proposal file with a line of a million quotes at once (yaml took minutes on it)", () => {
    const path = join(dir, "quotes.yaml");
    writeFileSync(path, `# a proposal\n${'"'.repeat(1_000_000)}\nparams: 1e9\n`);
    const result = spawnCli(["check", path, "--json"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`scaling: ${path}:2: line of 1000000 characters (at most 65536 in a proposal or config file); break the line, or check this is the proposal file\n`);
  }, 30_000);

  it("--max-points 2e11 keeps every point (it asked for an array of 2.4e12 bins: internal error)", () => {
    const all = JSON.parse(spawnCli(["inspect", "fixtures/curves.csv", "--json"]).stdout) as { runs: Array<{ points: number }> };
    const result = spawnCli(["inspect", "fixtures/curves.csv", "--json", "--max-points", "2e11"]);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { runs: Array<{ points: number }> }).runs.map((r) => r.points)).toEqual(all.runs.map((r) => r.points));
  });
});
