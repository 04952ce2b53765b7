/**
 * A short seeded run of the fuzz harness (scripts/fuzz.mjs, `npm run fuzz` runs the long one)
 * against the built CLI, and a check that the harness does catch what it is meant to catch.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

const SCRIPT = join(ROOT, "scripts", "fuzz.mjs");

interface Summary {
  seed: number;
  tried: number;
  failures: Array<{ args: string[]; problems: string[]; stderr: string }>;
}

function fuzz(args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; summary: Summary } {
  const result = spawnSync(process.execPath, [SCRIPT, "--json", "--no-big", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  expect(result.stderr).toBe("");
  return { code: result.status, summary: JSON.parse(result.stdout) as Summary };
}

describe("fuzz harness, short seeded run", () => {
  it("40 mutated inputs and flag sets: no crash, hang, bad exit code or broken output", () => {
    const { code, summary } = fuzz(["--seed", "7", "--runs", "40", "--seconds", "20", "--timeout", "15"]);
    expect(summary.failures).toEqual([]);
    expect(code).toBe(0);
    expect(summary.seed).toBe(7);
    expect(summary.tried).toBeGreaterThanOrEqual(10);
  }, 60_000);
});

describe("the harness judges", () => {
  it("fails a CLI that prints a stack trace, exits 3 or leaves a temp file", () => {
    const dir = mkdtempSync(join(tmpdir(), "scaling-fuzz-test-"));
    const broken = join(dir, "broken.mjs");
    writeFileSync(
      broken,
      [
        'import { writeFileSync } from "node:fs";',
        'if (process.argv.includes("--help")) { console.log("Commands:\\n  plan [options]  x\\n  laws [options]  y"); process.exit(0); }',
        'writeFileSync(".half.json.1.tmp", "{");',
        'console.error("TypeError: x is undefined\\n    at run (/app/dist/cli/plan.js:10:5)");',
        "process.exit(3);",
      ].join("\n"),
    );
    const { code, summary } = fuzz(["--seed", "1", "--runs", "3", "--seconds", "20", "--jobs", "1"], { SCALING_FUZZ_BIN: broken });
    expect(code).toBe(1);
    expect(summary.failures).toHaveLength(3);
    expect(summary.failures[0]!.problems).toEqual(["exit code 3", "stack trace in the output", "stray temporary file .half.json.1.tmp"]);
  }, 60_000);

  it("kills and fails a CLI that hangs", () => {
    const dir = mkdtempSync(join(tmpdir(), "scaling-fuzz-test-"));
    const hanging = join(dir, "hang.mjs");
    writeFileSync(
      hanging,
      'if (process.argv.includes("--help")) { console.log("Commands:\\n  laws [options]  y"); process.exit(0); }\nsetInterval(() => {}, 1000);\n',
    );
    const { code, summary } = fuzz(["--seed", "1", "--runs", "1", "--seconds", "20", "--timeout", "1"], { SCALING_FUZZ_BIN: hanging });
    expect(code).toBe(1);
    expect(summary.failures[0]!.problems).toEqual(["hang: killed after the time bound"]);
  }, 60_000);
});
