import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { parseFigure } from "./svgChecks.js";

describe("scaling plan --plot / --ascii", () => {
  it("writes the frontier figure next to the usual report", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "scaling-plot-")), "frontier.svg");
    const result = await runCli(["plan", "--compute", "1e22", "--compare", "--plot", file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("kaplan");
    const root = parseFigure(readFileSync(file, "utf8"));
    expect(root.children.find((c) => c.name === "title")!.text).toBe("Compute-efficient frontier: kaplan, chinchilla, epoch");
  });

  it("draws the terminal chart after the table", async () => {
    const result = await runCli(["plan", "--compute", "1e21", "--ascii"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Compute-efficient frontier, law kaplan: N (parameters) and D (tokens) against C");
    expect(result.stdout).toContain("N N, parameters   D D, tokens   | 1e21");
  });

  it("refuses --ascii with --json", async () => {
    const result = await runCli(["plan", "--compute", "1e21", "--ascii", "--json"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--ascii draws on stdout; it cannot go with --json");
  });
});
