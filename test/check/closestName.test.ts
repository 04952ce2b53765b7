/** "did you mean ...?": the known name a misspelt one was meant to be, or none. */
import { describe, expect, it } from "vitest";
import { closestName } from "../../src/check/closestName.js";

const FIELDS = ["name", "params", "tokens", "batchTokens", "steps", "flops", "datasetTokens", "targetLoss"];

describe("closestName", () => {
  it.each([
    ["tokenz", "tokens"], // one substitution
    ["token", "tokens"], // one deletion
    ["parmas", "params"], // a transposition is two edits
    ["batch_tokens", "batchTokens"], // case and separators alone
    ["TargetLoss", "targetLoss"],
    ["flop", "flops"],
    ["vocab_size", undefined],
    ["lr", undefined], // short names need a near-exact match
    ["x", undefined],
    ["datasettokenz", "datasetTokens"],
  ])("%s -> %s", (name, expected) => {
    expect(closestName(name, FIELDS)).toBe(expected);
  });

  it("prefers the nearest of several candidates", () => {
    expect(closestName("stepz", ["steps", "step_size"])).toBe("steps");
  });
});
