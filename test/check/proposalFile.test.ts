/** Reading proposal files and training configs: fields, units, derived values, locations, errors. */
import { describe, expect, it } from "vitest";
import { parseProposalFile } from "../../src/check/proposalFile.js";
import { parseFieldMap } from "../../src/check/proposalFields.js";
import { ScalingError } from "../../src/errors.js";

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ScalingError);
    return String(error);
  }
  throw new Error("expected a ScalingError");
};

describe("proposal files", () => {
  it("reads a YAML list with unit strings, keeping each proposal's line", () => {
    const text = "- name: a\n  params: 7B\n  tokens: 1.4T\n- name: b\n  params: 1.3e9\n  batchTokens: 4M\n  steps: 250k\n  targetLoss: 2.3\n";
    const { proposals } = parseProposalFile(text, "p.yaml");
    expect(proposals).toEqual([
      { name: "a", nParams: 7e9, nTokens: 1.4e12, source: { file: "p.yaml", line: 1 } },
      { name: "b", nParams: 1.3e9, batchTokens: 4e6, steps: 2.5e5, targetLossNats: 2.3, source: { file: "p.yaml", line: 4 } },
    ]);
  });

  it("reads a JSON list and finds the line of each object", () => {
    const text = '[\n  {"name": "x", "params": 1e9, "tokens": "20B"},\n\n  {\n    "params": 2e9, "flops": 1e21\n  }\n]\n';
    const { proposals } = parseProposalFile(text, "p.json");
    expect(proposals.map((p) => [p.name, p.source?.line])).toEqual([
      ["x", 2],
      ["p.json#2", 4],
    ]);
    expect(proposals[1]!.flops).toBe(1e21);
  });

  it("takes the law and thresholds from a scaling: section", () => {
    const text = "scaling:\n  law: chinchilla\n  wasteWarn: 0.05\n  batchRange: 8\nproposals:\n  - {params: 1B, tokens: 20B}\n";
    const file = parseProposalFile(text, "p.yaml");
    expect(file.settings).toEqual({ law: "chinchilla", thresholds: { wasteWarn: 0.05, batchRange: 8 } });
    expect(file.proposals).toHaveLength(1);
  });

  it("reads a single proposal with a scaling: section beside it", () => {
    const file = parseProposalFile("params: 1B\ntokens: 20B\nscaling: {law: epoch}\n", "one.yaml");
    expect(file.proposals).toEqual([{ name: "one.yaml#1", nParams: 1e9, nTokens: 2e10, source: { file: "one.yaml", line: 1 } }]);
    expect(file.settings.law).toBe("epoch");
  });
});

describe("training configs", () => {
  it("reads nanoGPT's train_gpt2.py: B = batch_size x block_size x gradient_accumulation_steps", () => {
    const text = "wandb_run_name = 'gpt2-124M'\nbatch_size = 12\nblock_size = 1024\ngradient_accumulation_steps = 5 * 8\nmax_iters = 600000\nn_layer = 12\nn_embd = 768\n";
    const [proposal] = parseProposalFile(text, "config/train_gpt2.py").proposals;
    expect(proposal).toEqual({
      name: "gpt2-124M",
      nParams: 12 * 12 * 768 ** 2, // N = 12 n_layer d_model^2 (laws.md, Notation)
      batchTokens: 12 * 1024 * 40,
      steps: 600000,
      source: { file: "config/train_gpt2.py", line: 1 },
    });
  });

  it("reads a Hugging Face config.json by its names", () => {
    const text = JSON.stringify({ num_hidden_layers: 24, hidden_size: 2048, global_batch_size: 512, seq_length: 2048, max_steps: 1e5 });
    const [proposal] = parseProposalFile(text, "config.json").proposals;
    expect(proposal).toMatchObject({ nParams: 12 * 24 * 2048 ** 2, batchTokens: 512 * 2048, steps: 1e5 });
  });

  it("maps nested keys with --map and fills what is missing from flags", () => {
    const text = "model: {size: 350M}\ntrainer: {iterations: 1000, tokens_per_step: 0.5M}\n";
    const map = parseFieldMap(["model.size=params", "trainer.iterations=steps", "trainer.tokens_per_step=batchTokens"]);
    const [proposal] = parseProposalFile(text, "run.yaml", map, { targetLossNats: 3 }).proposals;
    expect(proposal).toMatchObject({ nParams: 3.5e8, steps: 1000, batchTokens: 5e5, targetLossNats: 3 });
  });
});

describe("bad input names the file, line and column", () => {
  it.each([
    ["p.yaml", "name: a\nparams: 7 billion\n", 'p.yaml:2:9: params: "7 billion" is not a number; write it like 7e9, 7B or 300M'],
    ["p.yaml", "params: 1B\ntokens: -5\n", "p.yaml:2:9: tokens: -5 must be a positive number"],
    ["p.yaml", "tokens: 1e10\n", "p.yaml:1: no params: give params (e.g. params: 7e9), n_layer with n_embd/d_model, --map KEY=params, or --params"],
    ["p.yaml", "- 5\n", "p.yaml:1:3: a proposal must be an object (params, tokens, ...)"],
    ["p.yaml", "scaling:\n  wastewarn: 0.1\nparams: 1B\n", "p.yaml:2:14: scaling.wastewarn is not a setting; known: law, overfitTolerance, wasteWarn, wasteFail, batchRange, sizeRatioWarn, sizeRatioFail, consistencyTolerance"],
    ["p.yaml", "proposals: 3\n", "p.yaml:1:12: proposals must be a list"],
    ["p.yaml", "a: [1, 2\nb: 3\n", "p.yaml:2:1: not valid YAML or JSON: Flow sequence in block collection must be sufficiently indented and end with a ]"],
    ["p.yaml", "[]\n", "p.yaml: no proposals in the file"],
    ["p.yaml", "", "p.yaml:1:1: expected a proposal object or a list of them"],
    ["p.yaml", "---\nparams: 1B\n---\nparams: 2B\n", "p.yaml:3:1: not valid YAML or JSON: several YAML documents (---); put the proposals in one list"],
  ])("%s %j", (file, text, message) => {
    expect(errorOf(() => parseProposalFile(text, file))).toBe(message);
  });

  it("JSON syntax errors are placed at the line and column JSON.parse reports", () => {
    expect(errorOf(() => parseProposalFile('{\n  "params": 7e9\n  "tokens": 2e11\n}\n', "p.json"))).toMatch(/^p\.json:3:3: not valid JSON: /);
  });

  it("--map needs configKey=field with a known field", () => {
    expect(errorOf(() => parseFieldMap(["max_iters=iterations"]))).toBe(
      '--map: "max_iters=iterations" must be configKey=field with field one of name, params, tokens, batchTokens, steps, flops, datasetTokens, targetLoss, nLayer, dModel, batchSize, contextLength, gradAccum',
    );
  });
});
