/**
 * The examples of README.md and docs/PLOTS.md run as shown: each fenced block's `$ scaling ...`
 * commands run in order (in a scratch folder that has the repository's fixtures/), and every
 * line the block shows after a command appears in what it printed (stderr, then stdout, as a terminal shows a summary written first), in
 * order; a block that elides nothing (no `...` line) must show all of it. Needs `npm run build`.
 */
import { mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, spawnCli } from "../helpers/cli.js";

interface Example {
  file: string;
  /** Each command's arguments and the lines shown under it (blank lines dropped). */
  steps: { args: string[]; shown: string[] }[];
  elided: boolean;
}

function examples(file: string): Example[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const found: Example[] = [];
  for (const [, body] of text.matchAll(/^```[a-z]*\n([\s\S]*?)^```/gm)) {
    const lines = body!.split("\n");
    if (!lines.some((line) => line.startsWith("$ scaling "))) continue;
    const example: Example = { file, steps: [], elided: lines.some((line) => line.trim() === "...") };
    for (const line of lines) {
      if (line.startsWith("$ scaling ")) example.steps.push({ args: line.slice("$ scaling ".length).trim().split(/\s+/), shown: [] });
      else if (line.trim() !== "" && line.trim() !== "...") example.steps.at(-1)?.shown.push(line.trimEnd());
    }
    found.push(example);
  }
  return found;
}

const all = [...examples("README.md"), ...examples("docs/PLOTS.md")];

describe("documented examples", () => {
  it("finds the examples", () => {
    expect(all.length).toBeGreaterThanOrEqual(8);
  });

  it.each(all.map((example) => [example.steps.map((s) => s.args.join(" ")).join(" && "), example] as const))("%s", (_, example) => {
    const dir = mkdtempSync(join(tmpdir(), "scaling-readme-"));
    symlinkSync(join(ROOT, "fixtures"), join(dir, "fixtures"));
    for (const { args, shown } of example.steps) {
      const result = spawnCli(args, { cwd: dir });
      expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(0);
      const printed = `${result.stderr}\n${result.stdout}`.split("\n").map((line) => line.trimEnd()).filter((line) => line !== "");
      if (!example.elided && example.file === "README.md") expect(printed.slice(0, shown.length)).toEqual(shown);
      // In order: each shown line after the one before it.
      let at = 0;
      for (const line of shown) {
        const found = printed.indexOf(line, at);
        expect(found, `${example.file}: "${line}" not printed by scaling ${args.join(" ")}`).toBeGreaterThanOrEqual(0);
        at = found + 1;
      }
    }
  });
});
