/**
 * The process context's writer for pipes and files (fs.writeSync, no stream): every byte
 * arrives when the pipe is non-blocking and full (EAGAIN), and a reader that goes away ends the
 * output in silence (EPIPE). Run in a child process from the built dist/ (npm test builds it).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

const CONTEXT = join(ROOT, "dist/cli/context.js");
const BYTES = 4 << 20;

/** A child that makes its stdout non-blocking (process.stdout does, for a pipe), then writes BYTES through fdWriter. */
function writer(): ReturnType<typeof spawn> {
  const script = `import(${JSON.stringify(pathToFileURL(CONTEXT).href)}).then((m) => { void process.stdout; m.fdWriter(1)("x".repeat(${BYTES})); m.fdWriter(2)("done\\n"); process.exitCode = 0; });`;
  return spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "pipe"] });
}

describe.skipIf(!existsSync(CONTEXT))("fdWriter", () => {
  it("delivers every byte through a full non-blocking pipe, read slowly", async () => {
    const child = writer();
    let received = 0;
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on("data", (chunk: Buffer) => {
      received += chunk.length;
      // Slow reading keeps the pipe full, so the writer meets EAGAIN.
      child.stdout!.pause();
      setTimeout(() => child.stdout!.resume(), 1);
    });
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(received).toBe(BYTES);
    expect(stderr).toBe("done\n");
  });

  it("stops in silence when the reader goes away (EPIPE), with exit code 0", async () => {
    const child = writer();
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.once("data", () => child.stdout!.destroy());
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(stderr).toBe("done\n");
  });
});
