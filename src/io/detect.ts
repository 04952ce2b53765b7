/**
 * Which format a file is, from its first chunk of text and its extension. W&B exports are
 * CSVs recognised later by their header (wandbReader.isWandbHeader); trainer_state.json is a
 * JSON document recognised by its `log_history`.
 */
import { extname } from "node:path";

export type Layout = "csv" | "tsv" | "jsonl" | "json";

/**
 * @param path - the file name (`-` for stdin)
 * @param head - the first text of the file, BOM removed
 */
export function detectLayout(path: string, head: string): Layout {
  const extension = extname(path).toLowerCase();
  if (extension === ".jsonl" || extension === ".ndjson") return "jsonl";
  const start = head.trimStart();
  if (start.startsWith("[")) return "json";
  if (start.startsWith("{")) {
    const lines = firstLines(start, 2, (line) => line.trim() !== "");
    // JSONL: the first line is a whole object and the next line starts another.
    if (lines.length >= 2 && lines[1]!.trimStart().startsWith("{")) {
      try {
        JSON.parse(lines[0]!);
        return "jsonl";
      } catch {
        return "json";
      }
    }
    return extension === ".jsonl" ? "jsonl" : lines.length === 1 && extension !== ".json" ? "jsonl" : "json";
  }
  if (extension === ".tsv" || extension === ".tab") return "tsv";
  const firstLine = firstLines(start, 1, (line) => !line.startsWith("#"))[0] ?? "";
  const tabs = firstLine.split("\t").length - 1;
  const commas = firstLine.split(",").length - 1;
  return tabs > commas ? "tsv" : "csv";
}

/**
 * The first `count` lines of `text` that `wanted` accepts (the head is up to a megabyte:
 * splitting all of it cost milliseconds of every read).
 */
function firstLines(text: string, count: number, wanted: (line: string) => boolean): string[] {
  const lines: string[] = [];
  let from = 0;
  while (lines.length < count) {
    const newline = text.indexOf("\n", from);
    const line = text.slice(from, newline < 0 ? text.length : newline);
    if (wanted(line)) lines.push(line);
    if (newline < 0) break;
    from = newline + 1;
  }
  return lines;
}

/** Bytes of the head decoded when they hold the lines detection looks at (decoding 1 MB took ~9 ms). */
const HEAD_TEXT_BYTES = 1 << 16;

/**
 * The head (up to HEAD_BYTES of the input) as text for detectLayout: its first 64 KB, cut at a
 * line end, when they hold two lines that are not blank and one that is not a comment (all that
 * detectLayout reads: the same layout as from the whole head); otherwise the whole head.
 */
export function headText(bytes: Buffer): string {
  if (bytes.length > HEAD_TEXT_BYTES) {
    const cut = bytes.lastIndexOf(10, HEAD_TEXT_BYTES - 1);
    if (cut > 0) {
      const text = bytes.toString("utf8", 0, cut + 1);
      const lines = text.trimStart().split("\n");
      if (lines.filter((line) => line.trim() !== "").length >= 2 && lines.some((line, k) => k < lines.length - 1 && !line.startsWith("#"))) return text;
    }
  }
  return bytes.toString("utf8");
}
