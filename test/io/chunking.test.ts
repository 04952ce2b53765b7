/**
 * readRuns gives the same runs and summary for every fixture whether it reads the file or the
 * same bytes from stdin delivered in chunks of any size (1 byte: every line split at every
 * place; the file path: 1 MB reads), with and without a BOM and CRLF line ends.
 */
import { readFileSync } from "node:fs";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { readRuns } from "../../src/io/read.js";
import type { ReadOptions } from "../../src/io/readOptions.js";

const dir = mkdtempSync(join(tmpdir(), "scaling-chunks-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What readRuns gives, with the input's name replaced by `<input>` (stdin is named `<stdin>`). */
async function read(path: string, options: ReadOptions, name: string): Promise<unknown> {
  const set = await readRuns([path], options);
  return JSON.parse(JSON.stringify({ runs: set.runs.map((run) => ({ ...run, steps: run.steps && [...run.steps], tokens: run.tokens && [...run.tokens], loss: [...run.loss] })), summary: set.summary }).replaceAll(JSON.stringify(name).slice(1, -1), "<input>"));
}

function chunks(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

const FIXTURES: Array<[string, ReadOptions]> = [
  ["fixtures/curves.csv", {}],
  ["fixtures/sweep-final.csv", {}],
  ["fixtures/formats/curves.csv", {}],
  ["fixtures/formats/curves.tsv", {}],
  ["fixtures/formats/curves.jsonl", {}],
  ["fixtures/formats/curves.json", {}],
  ["fixtures/formats/wandb.csv", { set: { batch_tokens: 65536 } }],
  ["fixtures/formats/trainer_state-small.json", { set: { batch_tokens: 65536 } }],
];

describe("any chunking of any fixture reads the same", () => {
  it.each(FIXTURES)("%s", async (fixture, options) => {
    const original = readFileSync(fixture);
    const variants: Array<[string, Buffer]> = [
      ["as is", original],
      ["BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), original])],
      ["CRLF", Buffer.from(original.toString("utf8").replace(/\r?\n/g, "\r\n"))],
    ];
    for (const [variant, bytes] of variants) {
      const path = join(dir, fixture.replaceAll("/", "_"));
      writeFileSync(path, bytes);
      const expected = await read(path, options, path);
      expect((expected as { runs: unknown[] }).runs.length, variant).toBeGreaterThan(0);
      for (const size of [1, 7, 100, 4096]) {
        const stdin = Readable.from(chunks(bytes, size));
        expect(await read("-", { ...options, stdin }, "<stdin>"), `${variant}, chunks of ${size}`).toEqual(expected);
      }
    }
  });
});
