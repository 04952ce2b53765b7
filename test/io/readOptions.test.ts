/** The shared reading flags: parsing into ReadOptions, usage errors, and the progress bar. */
import { describe, expect, it } from "vitest";
import { memoryContext } from "../../src/cli/context.js";
import { PROGRESS_MIN_BYTES, progressBar, toReadOptions } from "../../src/cli/readOptions.js";
import { runCli } from "../helpers/cli.js";

describe("toReadOptions", () => {
  it("turns flags into options with prototype-free maps", () => {
    const options = toReadOptions({ col: ["loss=val/loss"], set: ["params=1.3B", "batch_size=32"], context: 2048, lossUnit: "bits", every: 2 }, memoryContext());
    expect({ ...options.columns }).toEqual({ loss: "val/loss" });
    expect({ ...options.set }).toEqual({ params: 1.3e9, batch_size: 32 });
    expect(options).toMatchObject({ contextTokens: 2048, lossUnit: "bits", every: 2, skipBadRows: false });
    expect(Object.getPrototypeOf(options.columns)).toBeNull();
    expect(options.onProgress).toBeUndefined();
  });

  it.each([
    [{ col: ["loss"] }, '--col: "loss" should be FIELD=COLUMN (e.g. --col loss=val/loss)'],
    [{ set: ["size=3"] }, '--set: unknown field "size"; fields are run, params, tokens, step, batch_size, batch_tokens, loss, n_layer, d_model, flops'],
    [{ set: ["params=-3"] }, '--set params: "-3" must be greater than zero'],
    [{ set: ["__proto__=3"] }, '--set: unknown field "__proto__"; fields are run, params, tokens, step, batch_size, batch_tokens, loss, n_layer, d_model, flops'],
  ])("rejects %j", (flags, message) => {
    expect(() => toReadOptions(flags, memoryContext())).toThrow(message);
  });
});

describe("progress bar", () => {
  it("draws on a terminal's stderr when the input is large, once per percent, and clears at the end", () => {
    const context = { ...memoryContext(), stderrIsTTY: true };
    const options = toReadOptions({}, context);
    const total = 10 * PROGRESS_MIN_BYTES;
    options.onProgress!(total / 4, total);
    options.onProgress!(total / 4 + 1, total);
    options.onProgress!(total, total);
    expect(context.err.join("")).toBe(`\rreading [########----------------------] 25% of 41.9 MB\r\u001b[2K`);
  });

  it("stays silent for small inputs", () => {
    const context = memoryContext();
    progressBar(context)(100, 1000);
    expect(context.err).toEqual([]);
  });
});

describe("flags on inspect", () => {
  it("a bad --col exits 2 with one line", async () => {
    const result = await runCli(["inspect", "fixtures/formats/curves.csv", "--col", "oops"]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: 'scaling: --col: "oops" should be FIELD=COLUMN (e.g. --col loss=val/loss)\n' });
  });
});
