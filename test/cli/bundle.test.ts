/**
 * The executable's bundle (dist/bundle/, made by `npm test`'s build): the properties start-up
 * time relies on (rolldown.config.mjs, ARCHITECTURE.md "Start-up").
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

const BUNDLE = join(ROOT, "dist", "bundle");
const chunks = readdirSync(BUNDLE).filter((name) => name.endsWith(".cjs"));

describe("the bundle", () => {
  it("has the chunks the executable loads first", () => {
    expect(chunks).toContain("main.cjs");
    expect(chunks.some((name) => name.startsWith("start-"))).toBe(true);
  });

  // One non-ASCII character anywhere (a comment's "≈") makes V8 hold the whole chunk as a
  // two-byte string, decoded from UTF-8 at every start: ~5 ms of each command on a 2-core VM.
  it.each(chunks)("%s is ASCII only, without JSDoc", (name) => {
    const source = readFileSync(join(BUNDLE, name));
    const nonAscii = source.findIndex((byte) => byte > 0x7f);
    expect(nonAscii, `first non-ASCII byte at ${nonAscii}`).toBe(-1);
    expect(source.toString("latin1")).not.toMatch(/^\s*\/\*\*\s*$/m);
  });
});
