/** Reading proposal files and training configs: fields, units, derived values, locations, errors. */
import { describe, expect, it } from "vitest";
import { parseProposalFile } from "../../src/check/proposalFile.js";
import { parseFieldMap } from "../../src/check/proposalFields.js";
import { scalingErrorOf } from "../helpers/errors.js";

const errorOf = scalingErrorOf;

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
    expect(file.settings).toEqual({
      law: "chinchilla",
      thresholds: { wasteWarn: 0.05, batchRange: 8 },
      locations: { wasteWarn: { line: 3, column: 14 }, batchRange: { line: 4, column: 15 } },
    });
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
    // Unknown keys of a proposal are typos, placed at the key, with the closest field.
    ["p.yaml", "params: 7B\ntokenz: 200B\n", "p.yaml:2:1: tokenz is not a proposal field; did you mean tokens?"],
    ["p.yaml", "params: 7B\ntokens: 200B\nbatch_Tokens: 4M\n", "p.yaml:3:1: batch_Tokens is not a proposal field; did you mean batchTokens?"],
    ["p.yaml", "- params: 1B\n  tokens: 20B\n- params: 2B\n  targetloss: 2.3\n", "p.yaml:4:3: targetloss is not a proposal field; did you mean targetLoss?"],
    ["p.json", '{\n  "params": 7e9,\n  "tokens": 2e11,\n  "max_step": 5\n}\n', "p.json:4:3: max_step is not a proposal field; did you mean max_steps?"],
    [
      "p.yaml",
      "params: 1B\ntokens: 20B\nowner: ml-team\n",
      "p.yaml:3:1: owner is not a proposal field; known: name, params, tokens, batchTokens, steps, flops, datasetTokens, targetLoss (a training config's keys: --map KEY=field)",
    ],
    // A file with a scaling: section is a proposal file even as one object; its config names do not make it a config.
    ["p.yaml", "scaling: {law: kaplan}\nproposal:\n  - params: 1B\n", "p.yaml:2:1: proposal is not a proposal field; did you mean proposals?"],
    ["p.yaml", "scaling: {law: kaplan}\nn_layer: 12\nn_embd: 768\ntokenz: 1e9\n", "p.yaml:4:1: tokenz is not a proposal field; did you mean tokens?"],
    ["p.yaml", "scaling: {law: kaplan}\nproposals: [{params: 1B, tokens: 20B}]\nwasteWarn: 0.2\n", "p.yaml:3:1: wasteWarn is not a section of a proposal file; known: scaling, proposals"],
  ])("%s %j", (file, text, message) => {
    expect(errorOf(() => parseProposalFile(text, file))).toBe(message);
  });

  it("JSON syntax errors are placed at the line and column JSON.parse reports", () => {
    expect(errorOf(() => parseProposalFile('{\n  "params": 7e9\n  "tokens": 2e11\n}\n', "p.json"))).toMatch(/^p\.json:3:3: not valid JSON: /);
  });

  it.each([
    ["nested key", "trainer:\n  max_steps: 1000\nmodel: {size: 350M}\n", ["trainer.max_stepz=steps", "model.size=params"], "run.yaml: --map trainer.max_stepz=steps: no key trainer.max_stepz in the file (did you mean trainer.max_steps?)"],
    ["a section, not a key", "model: {size: 350M}\n", ["model=params"], "run.yaml: --map model=params: no key model in the file (did you mean model.size?)"],
    ["nothing close", "model: {size: 350M}\n", ["model.size=params", "epochs=steps"], "run.yaml: --map epochs=steps: no key epochs in the file"],
    ["in a list of proposals", "- {params: 1B, iters: 10}\n- {params: 2B}\n", ["iters=steps"], "run.yaml:2: --map iters=steps: no key iters in this proposal"],
  ])("a --map key the file lacks is an error (%s)", (_, text, map, message) => {
    expect(errorOf(() => parseProposalFile(text, "run.yaml", parseFieldMap(map)))).toBe(message);
  });

  it("--map needs configKey=field with a known field", () => {
    expect(errorOf(() => parseFieldMap(["max_iters=iterations"]))).toBe(
      '--map: "max_iters=iterations" must be configKey=field with field one of name, params, tokens, batchTokens, steps, flops, datasetTokens, targetLoss, nLayer, dModel, batchSize, contextLength, gradAccum',
    );
  });
});

describe("training configs keep keys check does not use", () => {
  it("a Hugging Face config.json: its config names make it a config, so vocab_size and the like are no error", () => {
    const text = JSON.stringify({ architectures: ["GPT2"], vocab_size: 50257, num_hidden_layers: 12, hidden_size: 768, max_steps: 1000 });
    expect(parseProposalFile(text, "config.json").proposals[0]).toMatchObject({ nParams: 12 * 12 * 768 ** 2, steps: 1000 });
  });

  it("a trainer config read with --map: only the mapped keys matter", () => {
    const text = "optimizer: {lr: 3e-4, betas: [0.9, 0.95]}\ntrainer:\n  max_steps: 1000\n  log_every: 10\nmodel: {size: 350M}\n";
    const map = parseFieldMap(["trainer.max_steps=steps", "model.size=params"]);
    expect(parseProposalFile(text, "run.yaml", map).proposals[0]).toMatchObject({ nParams: 3.5e8, steps: 1000 });
  });

  it("a nanoGPT .py config: any other assignment is expected", () => {
    expect(parseProposalFile("learning_rate = 6e-4\nn_layer = 12\nn_embd = 768\nmax_iters = 10\n", "train.py").proposals[0]).toMatchObject({ steps: 10 });
  });

  it("mapped keys are fields in a proposal list", () => {
    const text = "- {params: 1B, iters: 10, batchTokens: 1M}\n";
    expect(parseProposalFile(text, "p.yaml", parseFieldMap(["iters=steps"])).proposals[0]).toMatchObject({ steps: 10 });
  });
});
