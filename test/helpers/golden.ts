/**
 * Golden files: `test/golden/NAME.txt` holds the command line, the exit code, stdout and
 * stderr of a CLI run. `UPDATE_GOLDEN=1 npm test` rewrites them; review the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import type { CliResult } from "./cli.js";
import { ROOT } from "./cli.js";

export function renderGolden(args: string[], result: CliResult): string {
  return [
    `$ scaling ${args.join(" ")}`,
    `# exit ${result.code}`,
    "# stdout",
    result.stdout.trimEnd(),
    "# stderr",
    result.stderr.trimEnd(),
    "",
  ].join("\n");
}

export function expectGolden(name: string, args: string[], result: CliResult): void {
  const path = join(ROOT, "test", "golden", `${name}.txt`);
  const actual = renderGolden(args, result);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    if (process.env.UPDATE_GOLDEN !== "1" && process.env.CI) {
      throw new Error(`golden file ${path} was missing; run UPDATE_GOLDEN=1 npm test and commit it`);
    }
    return;
  }
  expect(actual).toBe(readFileSync(path, "utf8"));
}
