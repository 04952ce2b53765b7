/**
 * Outputs written safely (issue 8, item 3): `--out` and `--plot` go to a temporary file in the
 * same folder and are renamed into place, so a failed or interrupted run never leaves a
 * truncated or clobbered file; an input file is never overwritten; a path that cannot be
 * written is exit 2 with a one-line message naming it. Runs the built CLI as a process.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { writeOutputFile } from "../../src/cli/writeOutput.js";
import { BIN, ROOT, spawnCli } from "../helpers/cli.js";

const SWEEP = join(ROOT, "fixtures", "sweep-final.csv");
/** A fit file in the DESIGN.md "fit --json" shape, with Hoffmann et al. 2022's rounded constants. */
const CHINCHILLA_FIT = JSON.stringify({
  fits: [{ law: "chinchilla", params: { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 } }],
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "scaling-outputs-"));
});

const strays = (folder: string): string[] => readdirSync(folder).filter((name) => name.endsWith(".tmp"));

describe("writeOutputFile", () => {
  it("writes the whole content and leaves no temporary file", () => {
    const path = join(dir, "a.json");
    writeOutputFile(path, '{"ok":true}\n');
    expect(readFileSync(path, "utf8")).toBe('{"ok":true}\n');
    expect(strays(dir)).toEqual([]);
  });

  it("replaces an existing file whole", () => {
    const path = join(dir, "a.json");
    writeFileSync(path, "old content that is longer than the new one\n");
    writeOutputFile(path, "new\n");
    expect(readFileSync(path, "utf8")).toBe("new\n");
  });

  it("refuses to overwrite an input file, whatever the spelling of its path", () => {
    const input = join(dir, "runs.csv");
    writeFileSync(input, "params,tokens,loss\n");
    expect(() => writeOutputFile(join(dir, ".", "runs.csv"), "x", [input])).toThrow(
      "refusing to overwrite an input file; choose another output path",
    );
    expect(readFileSync(input, "utf8")).toBe("params,tokens,loss\n");
  });

  it("a parent that is a file (ENOTDIR) is a ScalingError naming the path, not an internal error", () => {
    // Found by this file: the clean-up of the temporary file threw ENOTDIR from the catch block.
    writeFileSync(join(dir, "file"), "x");
    const path = join(dir, "file", "out.json");
    let caught: unknown;
    try {
      writeOutputFile(path, "x");
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ name: "ScalingError", code: "output", location: { file: path } });
    expect((caught as Error).message).toBe("cannot write the output file (ENOTDIR); check the folder exists and is writable");
  });

  it("a rename that fails (the target is a folder with files in it) leaves the folder as it was and no temp file", () => {
    const target = join(dir, "taken");
    mkdirSync(target);
    writeFileSync(join(target, "keep.txt"), "keep");
    expect(() => writeOutputFile(target, "x")).toThrow(/^cannot write the output file \((EISDIR|ENOTEMPTY|EEXIST|EPERM)\); check the folder exists and is writable$/);
    expect(readdirSync(target)).toEqual(["keep.txt"]);
    expect(strays(dir)).toEqual([]);
  });
});

describe("scaling plan --plot and fit --out, as a process", () => {
  it("plan --plot writes a complete SVG and nothing else", () => {
    const result = spawnCli(["plan", "--compute", "1e21", "--plot", join(dir, "plan.svg")]);
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, "plan.svg"), "utf8")).toMatch(/^<svg[\s\S]*<\/svg>\n?$/);
    expect(readdirSync(dir)).toEqual(["plan.svg"]);
  });

  it("plan --plot onto its own --law file: exit 2, the file intact, nothing on stdout", () => {
    const law = join(dir, "fit.json");
    writeFileSync(law, CHINCHILLA_FIT);
    const result = spawnCli(["plan", "--compute", "1e21", "--law", law, "--plot", law]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: `scaling: ${law}: refusing to overwrite an input file; choose another output path\n` });
    expect(readFileSync(law, "utf8")).toBe(CHINCHILLA_FIT);
  });

  it("plan --plot into a folder that does not exist: exit 2 naming the path", () => {
    const path = join(dir, "no-such-folder", "plan.svg");
    const result = spawnCli(["plan", "--compute", "1e21", "--plot", path]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: `scaling: ${path}: cannot write the output file (ENOENT); check the folder exists and is writable\n` });
  });

  it("plan --plot onto a folder: exit 2 naming it, the folder untouched", () => {
    const result = spawnCli(["plan", "--compute", "1e21", "--plot", dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^scaling: ${dir}: cannot write the output file \\((EISDIR|EEXIST|ENOTEMPTY|EPERM)\\); check the folder exists and is writable\\n$`));
    expect(readdirSync(dir)).toEqual([]);
  });

  it("plan --plot under a path whose parent is a file: exit 2 (ENOTDIR)", () => {
    writeFileSync(join(dir, "file"), "x");
    const path = join(dir, "file", "plan.svg");
    const result = spawnCli(["plan", "--compute", "1e21", "--plot", path]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: `scaling: ${path}: cannot write the output file (ENOTDIR); check the folder exists and is writable\n` });
  });

  it("fit --out onto its own input: exit 2, the input intact", () => {
    const input = join(dir, "sweep.csv");
    const original = readFileSync(SWEEP, "utf8");
    writeFileSync(input, original);
    const result = spawnCli(["fit", input, "--law", "nd", "--bootstrap", "0", "--out", input]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`scaling: ${input}: refusing to overwrite an input file; choose another output path\n`);
    expect(readFileSync(input, "utf8")).toBe(original);
  });

  it("fit --out then plan --law round-trips, and an interrupted fit never leaves a half-written fit.json", async () => {
    const out = join(dir, "fit.json");
    const first = spawnCli(["fit", SWEEP, "--law", "chinchilla", "--bootstrap", "0", "--out", out]);
    expect(first.code).toBe(0);
    const complete = readFileSync(out, "utf8");
    expect(JSON.parse(complete).fits[0].law).toBe("chinchilla");
    expect(spawnCli(["plan", "--compute", "1e21", "--law", out, "--json"]).code).toBe(0);
    // Kill the same run at different moments: the file is the old one or a whole new one.
    for (const delayMs of [50, 150, 300, 450]) {
      writeFileSync(out, "previous\n");
      const child = spawn(process.execPath, [BIN, "fit", SWEEP, "--law", "chinchilla", "--out", out], { stdio: "ignore" });
      // Listening from the start: a fit that ends before the kill (the whole process takes
      // ~0.6 s with the native screen) has closed by then, and a listener added after would
      // wait forever.
      const closed = new Promise((resolve) => child.on("close", resolve));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      child.kill("SIGKILL");
      await closed;
      const now = readFileSync(out, "utf8");
      if (now !== "previous\n") expect(() => JSON.parse(now)).not.toThrow();
    }
  }, 60_000);
});
