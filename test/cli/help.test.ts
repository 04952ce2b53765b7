/** Every command's --help: examples, and no pointer to a file users do not have. */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const COMMANDS = ["plan", "predict", "fit", "inspect", "laws", "check"];

describe("--help", () => {
  it.each(COMMANDS)("scaling %s --help shows examples and exits 0", async (command) => {
    const { stdout, code } = await runCli([command, "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: scaling ${command}`);
    expect(stdout).toMatch(new RegExp(`Examples:\\n(  scaling ${command}( .*)?\\n)+`));
    // The JSON contract is the README's (DESIGN.md is the team's design card, not shipped).
    expect(stdout).not.toContain("DESIGN.md");
  });
});
