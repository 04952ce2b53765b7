/**
 * Writing an output file safely (`--out`, `--plot`): to a temporary file in the same folder,
 * then a rename, so an interrupted or failed run never leaves a truncated or clobbered file.
 * Refuses to overwrite one of the command's input files.
 */
import { realpathSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { ScalingError } from "../errors.js";

function samePath(a: string, b: string): boolean {
  const canonical = (path: string): string => {
    try {
      return realpathSync(path);
    } catch {
      return resolve(path);
    }
  };
  return canonical(a) === canonical(b);
}

export function writeOutputFile(path: string, content: string, inputs: readonly string[] = []): void {
  if (inputs.some((input) => input !== "-" && samePath(input, path))) {
    throw new ScalingError("output", "refusing to overwrite an input file; choose another output path", { file: path });
  }
  // pid and a random tag (not node:crypto: loading it costs every command start-up time); "wx"
  // refuses a name that exists.
  const tag = Math.floor(Math.random() * 2 ** 32).toString(16).padStart(8, "0");
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${tag}.tmp`);
  try {
    writeFileSync(temporary, content, { flag: "wx" });
    renameSync(temporary, path);
  } catch (error) {
    // The clean-up may fail for the same reason as the write (a parent that is a file:
    // ENOTDIR); that must not replace the message below with an internal error.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // nothing was created
    }
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ScalingError("output", `cannot write the output file (${reason}); check the folder exists and is writable`, {
      file: path,
    });
  }
}
