/**
 * Running the CLI in tests: in-process through main() with a memory context (fast), or as a
 * real process through bin/scaling.js (for exit codes, stdin and files; needs `npm run build`).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { memoryContext } from "../../src/cli/context.js";
import { main } from "../../src/cli/main.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = fileURLToPath(new URL("../../bin/scaling.js", import.meta.url));

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** `scaling ARGS` in this process. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = { NO_COLOR: "1" }): Promise<CliResult> {
  const context = memoryContext(env);
  const code = await main(["node", "scaling", ...args], context);
  return { stdout: context.out.join(""), stderr: context.err.join(""), code };
}

/** `scaling ARGS` as a child process of the built CLI. */
export function spawnCli(args: string[], options: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input: options.input ?? "",
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    encoding: "utf8",
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status ?? -1 };
}
