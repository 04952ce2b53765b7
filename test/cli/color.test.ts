/** Colour: on only when asked (FORCE_COLOR) or at a terminal, never with NO_COLOR; chalk loads only then. */
import { describe, expect, it } from "vitest";
import { colorEnabled } from "../../src/cli/context.js";
import { spawnCli } from "../helpers/cli.js";

const BOLD = "\u001b[1m";

describe("colour", () => {
  it("FORCE_COLOR=1 colours the plan's title (chalk loaded on demand)", () => {
    const result = spawnCli(["plan", "--compute", "1e21"], { env: { NO_COLOR: "", FORCE_COLOR: "1" } });
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith(`${BOLD}Plan for a budget of 1.00e21 FLOPs`)).toBe(true);
  });

  it("a pipe gets no escape codes", () => {
    const result = spawnCli(["plan", "--compute", "1e21"], { env: { NO_COLOR: "", FORCE_COLOR: "0" } });
    expect(result.stdout).not.toContain("\u001b[");
  });

  it("NO_COLOR wins over a terminal; FORCE_COLOR over a pipe; TERM=dumb turns it off", () => {
    expect(colorEnabled({ NO_COLOR: "1" }, true)).toBe(false);
    expect(colorEnabled({ NO_COLOR: "1", FORCE_COLOR: "1" }, true)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: "1" }, false)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: "0" }, false)).toBe(false);
    expect(colorEnabled({ TERM: "dumb" }, true)).toBe(false);
    expect(colorEnabled({}, true)).toBe(true);
  });
});
