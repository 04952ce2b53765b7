#!/usr/bin/env node
/**
 * `npm install`'s install step: builds the optional native addon (native/scaling.c, the reader,
 * and native/grid.c, the grid fit's screen; binding.gyp) with node-gyp, which npm ships and points
 * to in npm_config_node_gyp. Without a compiler or Node's headers the build fails, this says so
 * in one line, and the install goes on: src/io/ then reads with the same rules in JavaScript
 * (slower on large logs, same results), and src/fit/ screens the grid in JavaScript (slower, same
 * optimum). SCALING_NATIVE=0 skips the build.
 */
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";

if (process.env.SCALING_NATIVE === "0") {
  console.error("scaling: SCALING_NATIVE=0, native addon not built; logs are read and the grid fit screened in JavaScript");
  process.exit(0);
}
const gyp = process.env.npm_config_node_gyp;
const [command, args] = gyp !== undefined && existsSync(gyp) ? [process.execPath, [gyp, "rebuild"]] : ["node-gyp", ["rebuild"]];
const result = spawnSync(command, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", shell: process.platform === "win32" });
if (result.status === 0) process.exit(0);
// A failed build must not leave a half-built addon for src/io/native.ts to load.
rmSync("build", { recursive: true, force: true });
// The most telling line: a compiler's error, else node-gyp's, else any that says error.
const lines = `${result.stderr}\n${result.stdout}`.split("\n");
const reason =
  result.error?.message ??
  (lines.find((line) => /: (fatal )?error:/.test(line)) ?? lines.find((line) => /gyp ERR! stack Error:/.test(line)) ?? lines.find((line) => /error/i.test(line)))?.replace(/^gyp ERR! stack /, "").trim();
console.error(
  `scaling: native addon not built (${reason || `node-gyp exit ${result.status}`}); logs are read and the grid fit screened in JavaScript, slower, with the same results`,
);
process.exit(0);
