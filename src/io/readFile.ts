/**
 * Reading one input into the collector: its bytes in blocks of whole lines (byteLines.ts), its
 * format detected from the first bytes, then the reader of that format (tableBytes.ts for
 * CSV/TSV, jsonlBytes.ts for JSONL, jsonReaders.ts for JSON documents).
 */
import { ScalingError } from "../errors.js";
import { BLOCK_BYTES, ByteLines } from "./byteLines.js";
import { NATIVE_BLOCK_BYTES } from "./byteRows.js";
import { nativeReader } from "./native.js";
import { longLineMessage } from "./chunkJoiner.js";
import { detectLayout, headText } from "./detect.js";
import type { FileContext } from "./fileContext.js";
import { jsonlReader, readJsonDocument } from "./jsonReaders.js";
import type { ReadOptions } from "./readOptions.js";
import { openSource } from "./sources.js";
import { TableBytes } from "./tableBytes.js";

/**
 * Reads `path` (`-`: stdin) into `context`'s collector and bad rows; sets `context.format`.
 * @throws ScalingError("input") for an empty or binary file, a file without a header or data
 *   rows, an over-long line, or a header that cannot be used
 */
export async function readFile(path: string, options: ReadOptions, context: FileContext, onBytes: (bytes: number) => void): Promise<void> {
  let reader: { readonly lines: number } | null = null;
  const tooLong = (): Error => new ScalingError("input", longLineMessage(), { file: context.file, line: (reader?.lines ?? 0) + 1 });
  // options.stdin only for `-`: the CLI's getter opens process.stdin, ~4 ms of start-up.
  // With the native reader, blocks of NATIVE_BLOCK_BYTES in huge pages (a first touch of 4 KiB
  // pages costs ~3 ms a MB here): few native calls, each on two threads when it is large.
  const native = nativeReader(options);
  const lines = new ByteLines(
    openSource(path, path === "-" ? options.stdin : undefined, onBytes, context.file),
    tooLong,
    native === null ? BLOCK_BYTES : NATIVE_BLOCK_BYTES,
    native === null ? undefined : (bytes) => Buffer.from(native.hugeBuffer(bytes)),
  );
  try {
    const head = headText(await lines.head());
    if (head.trim() === "") throw new ScalingError("input", "empty file; give a run log with a header row and data", { file: context.file });
    const layout = detectLayout(path, head);
    context.format = layout;
    if (layout === "json") return readJsonDocument((await lines.rest()).toString("utf8"), context);
    const rowsBefore = context.collector.rows;
    const badBefore = context.bad.count;
    if (layout === "jsonl") {
      const jsonl = jsonlReader(context);
      reader = jsonl;
      for (let block = await lines.next(); block !== null; block = await lines.next()) jsonl.block(block);
      return;
    }
    const table = new TableBytes(context, layout === "tsv" ? "\t" : ",");
    reader = table;
    for (let block = await lines.next(); block !== null; block = await lines.next()) table.block(block);
    table.end();
    if (table.handler.headerLine() === 0) throw new ScalingError("input", "empty file (only comments or blank lines); give a header row and data", { file: context.file });
    if (context.collector.rows === rowsBefore && context.bad.count === badBefore) {
      throw new ScalingError("input", "no data rows after the header; add rows or check the file", { file: context.file, line: table.handler.headerLine() });
    }
  } finally {
    lines.close();
  }
}
