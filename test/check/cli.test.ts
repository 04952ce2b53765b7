/**
 * `scaling check` end to end: golden output for the three formats (in-process), and every
 * exit code from the built CLI (`npm run build` first; `npm test` does it).
 */
import { describe, expect, it } from "vitest";
import { runCli, spawnCli } from "../helpers/cli.js";
import { expectGolden } from "../helpers/golden.js";

const KNOWN = "fixtures/proposals/known.yaml";

describe("check output (golden)", () => {
  it.each([
    ["check-table", ["check", KNOWN]],
    ["check-json", ["check", KNOWN, "--json"]],
    ["check-github", ["check", KNOWN, "--format", "github"]],
    ["check-flags", ["check", "--params", "7e9", "--tokens", "2e11", "--batch-tokens", "4e6", "--steps", "5e4", "--law", "chinchilla"]],
  ])("%s", async (name, args) => {
    expectGolden(name, args, await runCli(args));
  });

  it("--json follows DESIGN.md: ok, proposals of {name, ok, checks of {id, status, message, value, limit}}", async () => {
    const result = await runCli(["check", KNOWN, "fixtures/proposals/good.json", "--json"]);
    expect(result.code).toBe(1);
    const document = JSON.parse(result.stdout);
    expect(Object.keys(document)).toEqual(["ok", "proposals"]);
    expect(document.ok).toBe(false);
    expect(document.proposals.map((p: { name: string; ok: boolean }) => [p.name, p.ok])).toEqual([
      ["gpt3-175b", false],
      ["chinchilla-70b", true],
      ["small-on-10t", false],
      ["frontier-1e21", true],
    ]);
    for (const proposal of document.proposals) {
      expect(Object.keys(proposal)).toEqual(["name", "ok", "checks"]);
      expect(proposal.checks.map((c: { id: string }) => c.id)).toEqual([
        "consistency",
        "overfitting",
        "compute-efficiency",
        "batch-size",
        "target-loss",
        "model-size",
      ]);
      for (const check of proposal.checks) {
        expect(Object.keys(check)).toEqual(["id", "status", "message", "value", "limit"]);
        if (check.status === "skip") expect([check.value, check.limit]).toEqual([null, null]);
        else expect([typeof check.value, typeof check.limit]).toEqual(["number", "number"]);
      }
    }
  });

  it("github annotations point at the proposal's file and line", async () => {
    const { stdout } = await runCli(["check", KNOWN, "--format", "github"]);
    expect(stdout.split("\n")[0]).toMatch(
      /^::error file=fixtures\/proposals\/known\.yaml,line=5,title=scaling check overfitting::gpt3-175b: 3\.00e11 tokens of data/,
    );
  });
});

describe("check inputs (in-process)", () => {
  it("several files, each under its own scaling.law", async () => {
    const result = await runCli(["check", KNOWN, "fixtures/proposals/warn.yaml"]);
    expect(result.code).toBe(1);
    expect(result.stdout.trimEnd().split("\n").at(-1)).toBe(
      "4 proposals checked under kaplan, chinchilla: 2 failed, 1 with warnings, 1 passed",
    );
  });

  it("a fit file named relative to the proposal file; checks it cannot support are skipped with why", async () => {
    const result = await runCli(["check", "fixtures/proposals/uses-fit.yaml", "--json"]);
    const checks = JSON.parse(result.stdout).proposals[0].checks as Array<{ id: string; status: string; message: string }>;
    expect(checks.find((c) => c.id === "compute-efficiency")).toMatchObject({
      status: "skip",
      message:
        'law "fixtures/proposals/fit-nd-bcrit.json" has no compute-optimal allocation (it needs L(N,S) with B_crit(L), or the Chinchilla form)',
    });
    expect(checks.find((c) => c.id === "batch-size")!.status).toBe("pass");
    expect(checks.find((c) => c.id === "overfitting")!.status).toBe("fail");
  });

  it("a nanoGPT config with --params for the size it does not state; annotations at its first field", async () => {
    const args = ["check", "fixtures/proposals/train_gpt2.py", "--params", "85M", "--format", "github"];
    const result = await runCli(args);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "::error file=fixtures/proposals/train_gpt2.py,line=4,title=scaling check compute-efficiency::gpt2-124M: ",
    );
  });
});

describe("check exit codes (built CLI)", () => {
  it("0 when every check passes", () => {
    const result = spawnCli(["check", "fixtures/proposals/good.json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
  });

  it("1 when a check fails", () => {
    expect(spawnCli(["check", KNOWN]).code).toBe(1);
    expect(spawnCli(["check", "fixtures/proposals/inconsistent.yaml", "--json"]).code).toBe(1);
  });

  it("0 with only warnings, 1 with --strict", () => {
    const lenient = spawnCli(["check", "fixtures/proposals/warn.yaml", "--json"]);
    expect(lenient.code).toBe(0);
    expect(JSON.parse(lenient.stdout).proposals[0].checks.find((c: { id: string }) => c.id === "compute-efficiency").status).toBe("warn");
    const strict = spawnCli(["check", "fixtures/proposals/warn.yaml", "--strict", "--format", "github"]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/^::error file=fixtures\/proposals\/warn\.yaml,line=7,title=scaling check compute-efficiency::/);
  });

  it.each([
    [["check", "fixtures/proposals/bad-value.yaml"], 'scaling: fixtures/proposals/bad-value.yaml:2:9: params: "7 billion" is not a number; write it like 7e9, 7B or 300M\n'],
    [["check", "fixtures/proposals/nope.json"], "scaling: fixtures/proposals/nope.json: no such file; check takes proposal files (JSON or YAML) or training configs\n"],
    [["check"], "scaling: check needs a proposal file or --params (e.g. scaling check --params 7e9 --tokens 2e11)\n"],
    [["check", "--tokens", "2e11"], "scaling: check needs --params with --tokens, --batch-tokens and --steps, --flops or --dataset-tokens\n"],
    // --params alone (or with steps but no batch) leaves every check skipped: an error, not a PASS.
    [["check", "--params", "7e9"], "scaling: check needs --params with --tokens, --batch-tokens and --steps, --flops or --dataset-tokens\n"],
    [["check", "--params", "7e9", "--steps", "1e4", "--strict"], "scaling: check needs --params with --tokens, --batch-tokens and --steps, --flops or --dataset-tokens\n"],
    [["check", "--params", "seven"], 'scaling: --params: "seven" is not a number; write it like 1e21, 1.3B, 300M or 3.5pf-days\n'],
    [["check", KNOWN, "--waste-warn", "0.5"], "scaling: wasteWarn (0.5) must not exceed wasteFail (0.3)\n"],
    [["check", "fixtures/proposals/bad-thresholds.yaml"], "scaling: fixtures/proposals/bad-thresholds.yaml:5:14: wasteWarn (0.5) must not exceed wasteFail (0.3) (wasteFail is the default)\n"],
    [["check", "fixtures/proposals/bad-thresholds.yaml", "--waste-fail", "0.4"], "scaling: fixtures/proposals/bad-thresholds.yaml:5:14: wasteWarn (0.5) must not exceed wasteFail (0.4) (wasteFail from the flags)\n"],
    // The file sets no threshold at fault: the flag is, so no file position.
    [["check", "fixtures/proposals/warn.yaml", "--size-ratio-warn", "20"], "scaling: sizeRatioWarn (20) must not exceed sizeRatioFail (10)\n"],
    [["check", "fixtures/proposals/typo-key.yaml"], "scaling: fixtures/proposals/typo-key.yaml:4:1: tokenz is not a proposal field; did you mean tokens?\n"],
    [["check", "fixtures/proposals/typo-key.yaml", "--strict", "--json"], "scaling: fixtures/proposals/typo-key.yaml:4:1: tokenz is not a proposal field; did you mean tokens?\n"],
    [["check", "fixtures/proposals/params-only.yaml", "--strict"], "scaling: fixtures/proposals/params-only.yaml:2: size-only: nothing to check, every check was skipped: give tokens, batchTokens with steps, flops or datasetTokens\n"],
    [
      ["check", "fixtures/proposals/train_gpt2.py", "--params", "85M", "--map", "max_iterz=steps"],
      "scaling: fixtures/proposals/train_gpt2.py: --map max_iterz=steps: no key max_iterz in the file (did you mean max_iters?)\n",
    ],
    [["check", KNOWN, "--format", "xml"], "scaling: option '--format <format>' argument 'xml' is invalid. Allowed choices are table, json, github.\n"],
    [["check", KNOWN, "--law", "gpt"], 'scaling: --law: "gpt" is neither a preset (kaplan, chinchilla, epoch) nor a fit file path\n'],
  ])("2 on bad input: %j", (args, stderr) => {
    const result = spawnCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(stderr);
    expect(result.stdout).toBe("");
  });

  it("reads a proposal from stdin (-); its annotations carry no file", () => {
    const result = spawnCli(["check", "-", "--format", "github"], { input: "name: tiny\nparams: 1B\ntokens: 20B\n" });
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n")[0]).toBe(
      "::error title=scaling check overfitting::tiny: 2.00e10 tokens of data for 1.00B params < D_min 2.41e10: overfitting penalty 2.37%25 > 2%25 (Kaplan eq. 4.4)",
    );
  });

  it("a trainer config through --map: its other keys are no error, only the mapped ones must be there", () => {
    const config = "trainer:\n  max_steps: 20000\n  lr: 3e-4\nmodel: {size: 350M, vocab: 50257}\n";
    const mapped = spawnCli(["check", "-", "--map", "trainer.max_steps=steps,model.size=params", "--batch-tokens", "5e5", "--json"], { input: config });
    expect(mapped.code).toBe(1);
    expect(mapped.stderr).toBe("");
    expect(JSON.parse(mapped.stdout).proposals[0].checks.find((c: { id: string }) => c.id === "overfitting").status).toBe("fail");
    const misspelt = spawnCli(["check", "-", "--map", "trainer.max_stepz=steps,model.size=params", "--batch-tokens", "5e5"], { input: config });
    expect(misspelt).toEqual({
      code: 2,
      stdout: "",
      stderr: "scaling: <stdin>: --map trainer.max_stepz=steps: no key trainer.max_stepz in the file (did you mean trainer.max_steps?)\n",
    });
  });

  it("2 on a JSON syntax error, placed at its line and column", () => {
    const result = spawnCli(["check", "fixtures/proposals/bad-syntax.json"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^scaling: fixtures\/proposals\/bad-syntax\.json:4:3: not valid JSON: /);
  });
});
