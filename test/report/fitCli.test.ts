import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";
import { markers, parseFigure } from "./svgChecks.js";
import { descendants, hasClass } from "./xml.js";

const sweep = join(ROOT, "fixtures", "sweep-final.csv");

describe("scaling fit --plot / --plot-dir / --ascii", () => {
  it("draws each fitted law with its residuals, one marker per point", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scaling-fit-plot-"));
    const file = join(dir, "fit.svg");
    const result = await runCli(["fit", sweep, "--law", "n,nd", "--bootstrap", "0", "--plot", file, "--plot-dir", join(dir, "laws")]);
    expect(result.code).toBe(0);
    const root = parseFigure(readFileSync(file, "utf8"));
    const panels = descendants(root, "g").filter((g) => hasClass(g, "panel"));
    // L(N): 5 model sizes; L(N,D): all 20 runs; each again on its residual panel.
    expect(panels.map((p) => markers(p).length)).toEqual([5, 5, 20, 20]);
    expect(existsSync(join(dir, "laws", "fit-n.svg"))).toBe(true);
    expect(existsSync(join(dir, "laws", "fit-nd.svg"))).toBe(true);
  });

  it("prints a terminal chart of each law after its table", async () => {
    const result = await runCli(["fit", sweep, "--law", "n", "--bootstrap", "0", "--ascii"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/n: L\(N\) = \(Nc\/N\)\^αN {2}with αN = 0\.07\d+, Nc = /);
    expect(result.stdout).toContain(". fit   o data");
  });
});
