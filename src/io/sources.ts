/**
 * Opening inputs: a file or stdin (`-`) as a stream of text chunks, decoded as UTF-8 across
 * chunk boundaries, counted in bytes for progress, and refused as binary on a NUL byte.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import { ScalingError } from "../errors.js";

/** Chunk size of file reads: large enough for throughput, small enough for memory. */
export const CHUNK_BYTES = 1 << 20;

/** Size in bytes of each path (0 for stdin). @throws ScalingError("input") for a missing file */
export async function inputSize(path: string): Promise<number> {
  if (path === "-") return 0;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new ScalingError("input", "is a directory; give a run log file (CSV, TSV, JSONL or JSON)", { file: path });
    return info.size;
  } catch (error) {
    if (error instanceof ScalingError) throw error;
    throw new ScalingError("input", "cannot read the file (no such file or no permission); check the path", { file: path });
  }
}

/** Text chunks of a path; `onBytes` is called with each chunk's size in bytes. */
export async function* textChunks(path: string, stdin: NodeJS.ReadableStream | undefined, onBytes: (bytes: number) => void, name = path): AsyncGenerator<string> {
  let stream: NodeJS.ReadableStream;
  if (path === "-") {
    if (stdin === undefined) throw new ScalingError("usage", "`-` reads stdin, which is not available here; give a file");
    stream = stdin;
  } else {
    stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  }
  const decoder = new StringDecoder("utf8");
  let offset = 0;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
      const nul = buffer.indexOf(0);
      if (nul >= 0) {
        throw new ScalingError("input", `binary file (a NUL byte at byte ${offset + nul}); give a CSV, TSV, JSONL or JSON run log`, { file: name });
      }
      offset += buffer.length;
      onBytes(buffer.length);
      const text = decoder.write(buffer);
      if (text !== "") yield text;
    }
  } catch (error) {
    if (error instanceof ScalingError) throw error;
    throw new ScalingError("input", `cannot read the file (${error instanceof Error ? error.message : String(error)}); check the path`, { file: name });
  } finally {
    if (path !== "-") (stream as ReturnType<typeof createReadStream>).destroy();
  }
  const rest = decoder.end();
  if (rest !== "") yield rest;
}
