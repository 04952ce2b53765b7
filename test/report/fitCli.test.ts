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

describe("scaling fit --plot on learning curves (ns, bcrit, cmin)", () => {
  it("draws B_crit's sweeps on the hyperbola and one marker per fitted point", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "scaling-fit-plot-")), "curves.svg");
    const result = await runCli(["fit", join(ROOT, "fixtures", "curves.csv"), "--law", "bcrit,ns,cmin", "--bootstrap", "0", "--json", "--plot", file]);
    expect(result.code).toBe(0);
    const fits = (JSON.parse(result.stdout) as { fits: { law: string; points: number }[] }).fits;
    const points = Object.fromEntries(fits.map((f) => [f.law, f.points]));
    const root = parseFigure(readFileSync(file, "utf8"));
    const titled = (start: string) =>
      descendants(root, "g")
        .filter((g) => hasClass(g, "panel"))
        .find((p) => descendants(p, "text").some((t) => hasClass(t, "panel-title") && t.text.startsWith(start)))!;
    expect(markers(titled("B_crit(L), extrapolation"))).toHaveLength(points.bcrit!);
    expect(markers(titled("B_crit(L): residuals"))).toHaveLength(points.bcrit!);
    expect(markers(titled("L(C_min): learning curves"))).toHaveLength(points.cmin!);
    // 12 runs: 4 sizes x 3 batch sizes; each sweep has one point per batch size.
    expect(markers(titled("Batch sweeps")).length % 3).toBe(0);
    expect(markers(titled("Batch sweeps")).length).toBeGreaterThanOrEqual(3 * points.bcrit!);
  });
});
