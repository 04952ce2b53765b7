/** `scaling inspect`: golden output on the fixtures, and the JSON contract (DESIGN.md). */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { expectGolden } from "../helpers/golden.js";

describe("scaling inspect", () => {
  it.each([
    ["inspect-curves", ["inspect", "fixtures/formats/curves.csv"]],
    ["inspect-sweep", ["inspect", "fixtures/sweep-final.csv"]],
    ["inspect-tsv", ["inspect", "fixtures/formats/curves.tsv"]],
    ["inspect-wandb", ["inspect", "fixtures/formats/wandb.csv", "--set", "batch_tokens=64k"]],
    ["inspect-trainer-state", ["inspect", "fixtures/formats/trainer_state-small.json", "--set", "params=10M", "--set", "batch_size=32", "--context", "2048"]],
    ["inspect-thinned-json", ["inspect", "fixtures/curves.csv", "--max-points", "8", "--json"]],
    ["inspect-missing-loss", ["inspect", "fixtures/formats/curves.csv", "--col", "loss=nope"]],
    ["inspect-no-file", ["inspect", "fixtures/nope.csv"]],
  ])("%s", async (name, args) => {
    expectGolden(name, args, await runCli(args));
  });

  it("--json has the contract's fields", async () => {
    const result = await runCli(["inspect", "fixtures/formats/curves.jsonl", "--json"]);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(document).toMatchObject({ rows: 12, skipped: 0, columns: { loss: "eval/loss", run: "run" } });
    expect((document.runs as unknown[])[0]).toEqual({ id: "small", file: "fixtures/formats/curves.jsonl", params: 1e7, batchTokens: 65536, points: 6, finalLoss: 3.841, bestLoss: 3.841 });
  });
});
