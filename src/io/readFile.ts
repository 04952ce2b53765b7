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
 * @param bytes - the file's size, when known (0: not known), which sets the size of its blocks
 * @throws ScalingError("input") for an empty or binary file, a file without a header or data
 *   rows, an over-long line, or a header that cannot be used
 */
export async function readFile(path: string, options: ReadOptions, context: FileContext, onBytes: (bytes: number) => void, bytes = 0): Promise<void> {
  let reader: { readonly lines: number } | null = null;
  const tooLong = (): Error => new ScalingError("input", longLineMessage(), { file: context.file, line: (reader?.lines ?? 0) + 1 });
  // A large input (or stdin) read natively: blocks of NATIVE_BLOCK_BYTES in huge pages (a first
  // touch of 4 KiB pages costs ~3 ms a MB here), so native calls are few and run on two threads.
  // Small files keep small blocks: a log of many of them would hold a few MB each until collected.
  const native = nativeReader(options);
  const large = native !== null && (path === "-" || bytes >= NATIVE_BLOCK_BYTES);
  // options.stdin only for `-`: the CLI's getter opens process.stdin, ~4 ms of start-up.
  const lines = new ByteLines(
    openSource(path, path === "-" ? options.stdin : undefined, onBytes, context.file),
    tooLong,
    large ? NATIVE_BLOCK_BYTES : BLOCK_BYTES,
    large ? (size) => Buffer.from(native.hugeBuffer(size)) : undefined,
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
