/**
 * What a command needs from the outside world, passed in so tests can capture it:
 * where output goes, whether colour is on, and the environment.
 */
import type { Colors } from "../report/colors.js";
import { NO_COLORS } from "../report/colors.js";

export interface CliContext {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Colour functions; all identity when colour is off. */
  color: Colors;
  /** stderr is a terminal: progress bars may be drawn. */
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** Exit code a command asks for (check sets 1 on failure). */
  exitCode: number;
}

/**
 * Colour only when stdout is a terminal, NO_COLOR is unset and TERM is not dumb; FORCE_COLOR
 * forces it. (chalk's own detection does not honour NO_COLOR: shared/LIBRARIES.md.)
 */
export function colorEnabled(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return isTTY && env.TERM !== "dumb";
}

/** The real process's context. chalk is loaded only when colour is on (it costs start-up time). */
export async function processContext(): Promise<CliContext> {
  const env = process.env;
  let color = NO_COLORS;
  if (colorEnabled(env, process.stdout.isTTY === true)) {
    const { Chalk } = await import("chalk");
    color = new Chalk({ level: 1 });
  }
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color,
    stderrIsTTY: process.stderr.isTTY === true,
    env,
    exitCode: 0,
  };
}

/** A context that collects output in strings, for tests. */
export function memoryContext(env: NodeJS.ProcessEnv = {}): CliContext & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    color: NO_COLORS,
    stderrIsTTY: false,
    env,
    exitCode: 0,
  };
}
