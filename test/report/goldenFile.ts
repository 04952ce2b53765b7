/** Golden files of rendered output (`test/golden/NAME`): UPDATE_GOLDEN=1 rewrites them. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import { ROOT } from "../helpers/cli.js";

export function expectGoldenFile(name: string, actual: string): void {
  const path = join(ROOT, "test", "golden", name);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(path)) {
    if (process.env.UPDATE_GOLDEN !== "1" && process.env.CI) throw new Error(`golden file ${path} is missing; run UPDATE_GOLDEN=1 npm test`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(actual).toBe(readFileSync(path, "utf8"));
}
