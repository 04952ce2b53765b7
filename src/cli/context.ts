/**
 * What a command needs from the outside world, passed in so tests can capture it:
 * where output goes, whether colour is on, and the environment.
 */
import { fstatSync, writeSync } from "node:fs";
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

/** Whether file descriptor `fd` is a pipe, a socket or a file: never a terminal. */
function plainOutput(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    return stat.isFIFO() || stat.isSocket() || stat.isFile();
  } catch {
    return false;
  }
}

/** Sleeps `ms` on this thread (a pipe another process made non-blocking is full). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * A writer of `fd` (1 or 2) straight through fs.writeSync: for a pipe, socket or file, where
 * process.stdout would load Node's stream modules first (~6 ms of every command's start).
 * It waits out EAGAIN (a non-blocking pipe that is full) and stops in silence at EPIPE (the
 * reader is gone, as with `| head`).
 */
export function fdWriter(fd: number): (text: string) => void {
  let closed = false;
  return (text) => {
    const bytes = Buffer.from(text, "utf8");
    let offset = 0;
    while (offset < bytes.length && !closed) {
      try {
        offset += writeSync(fd, bytes, offset);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EAGAIN") pause(1);
        else if (code === "EPIPE") closed = true;
        else throw error;
      }
    }
  };
}

/**
 * The real process's context. chalk is loaded only when colour is on, and process.stdout and
 * process.stderr only for a terminal (both cost start-up time).
 */
export async function processContext(): Promise<CliContext> {
  const env = process.env;
  const plainOut = plainOutput(1);
  const plainErr = plainOutput(2);
  let color = NO_COLORS;
  if (colorEnabled(env, !plainOut && process.stdout.isTTY === true)) {
    const { Chalk } = await import("chalk");
    color = new Chalk({ level: 1 });
  }
  return {
    stdout: plainOut ? fdWriter(1) : (text) => process.stdout.write(text),
    stderr: plainErr ? fdWriter(2) : (text) => process.stderr.write(text),
    color,
    stderrIsTTY: !plainErr && process.stderr.isTTY === true,
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
