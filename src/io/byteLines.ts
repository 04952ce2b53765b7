/**
 * An input's bytes in blocks of whole lines: each block ends just after a newline (the last may
 * not, at the end of the input), so no line and no UTF-8 character is ever split between blocks.
 * The unfinished line at the end of a read moves to the front of the buffer and the next read
 * appends to it; the buffer grows for a line longer than itself, up to MAX_LINE_CHARS characters,
 * past which the line is refused (see chunkJoiner.ts). A leading UTF-8 BOM is skipped.
 */
import { MAX_LINE_CHARS } from "./chunkJoiner.js";
import type { ByteSource } from "./sources.js";

/**
 * Bytes asked of each read in JavaScript: large enough that per-block work vanishes, small enough
 * for the cache. The native reader takes larger blocks (byteRows.ts, NATIVE_BLOCK_BYTES).
 */
export const BLOCK_BYTES = 1 << 20;

/** The text given to format detection: at most this many bytes of the start. */
export const HEAD_BYTES = 1 << 20;

/** A block of whole lines: `bytes[start, end)`. Valid until the next call to `next()`. */
export interface LineBlock {
  bytes: Buffer;
  start: number;
  end: number;
  /** True for the input's last block when it does not end with a newline. */
  unterminated: boolean;
}

export class ByteLines {
  private bytes: Buffer;
  /** Bytes held: [start, filled). */
  private start = 0;
  private filled = 0;
  private ended = false;
  private begun = false;
  /** UTF-16 length of held[0, counted), for the long-line check (counted only past MAX_LINE_CHARS bytes). */
  private counted = 0;
  private chars = 0;

  /**
   * @param source - where the bytes come from
   * @param tooLong - the error for a line longer than MAX_LINE_CHARS (called when it is found)
   */
  constructor(
    private readonly source: ByteSource,
    private readonly tooLong: () => Error,
    blockBytes = BLOCK_BYTES,
    /** Where the buffer comes from (and a bigger one, for a long line). */
    private readonly allocate: (bytes: number) => Buffer = (bytes) => Buffer.allocUnsafe(bytes),
  ) {
    this.bytes = allocate(blockBytes);
  }

  /**
   * The first bytes of the input (BOM skipped), HEAD_BYTES or all there is, without consuming
   * them: read until then, so that what is detected from them does not depend on how stdin
   * happens to deliver its first chunks.
   */
  async head(): Promise<Buffer> {
    await this.begin();
    while (!this.ended && this.filled < this.bytes.length && this.filled - this.start < HEAD_BYTES) await this.read();
    return this.bytes.subarray(this.start, Math.min(this.filled, this.start + HEAD_BYTES));
  }

  /** Everything left, as one buffer (a JSON document: no line limit). */
  async rest(): Promise<Buffer> {
    await this.begin();
    while (!this.ended) {
      this.compact();
      if (this.filled === this.bytes.length) this.grow();
      await this.read();
    }
    const all = this.bytes.subarray(this.start, this.filled);
    this.start = this.filled;
    return all;
  }

  /** The next block of whole lines, or null at the end of the input. */
  async next(): Promise<LineBlock | null> {
    await this.begin();
    this.compact();
    let searched = this.start;
    for (;;) {
      // Only the bytes new since the last search: the held part has no newline.
      const found = this.filled > searched ? this.bytes.subarray(searched, this.filled).lastIndexOf(10) : -1;
      if (found >= 0) {
        const newline = searched + found;
        const block = { bytes: this.bytes, start: this.start, end: newline + 1, unterminated: false };
        this.start = newline + 1;
        return block;
      }
      if (this.ended) {
        if (this.filled === this.start) return null;
        const block = { bytes: this.bytes, start: this.start, end: this.filled, unterminated: true };
        this.start = this.filled;
        return block;
      }
      searched = this.filled;
      this.checkLength();
      if (this.filled === this.bytes.length) this.grow();
      await this.read();
    }
  }

  /** Releases the source. */
  close(): void {
    this.source.close();
  }

  private async begin(): Promise<void> {
    if (this.begun) return;
    this.begun = true;
    await this.read();
    const b = this.bytes;
    // A BOM split over the first reads is read whole first (stdin may deliver a byte at a time).
    while (!this.ended && this.filled < 3 && b[0] === 0xef && (this.filled < 2 || b[1] === 0xbb)) await this.read();
    if (this.filled >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) this.start = 3;
  }

  private async read(): Promise<void> {
    const count = await this.source.read(this.bytes, this.filled, this.bytes.length - this.filled);
    if (count === 0) this.ended = true;
    this.filled += count;
  }

  /** Moves the held bytes to the front of the buffer. */
  private compact(): void {
    if (this.start === 0) return;
    this.bytes.copyWithin(0, this.start, this.filled);
    this.filled -= this.start;
    this.start = 0;
    this.counted = 0;
    this.chars = 0;
  }

  private grow(): void {
    const bigger = this.allocate(this.bytes.length * 2);
    this.bytes.copy(bigger, 0, 0, this.filled);
    this.bytes = bigger;
  }

  /** Throws tooLong() when the held line (no newline yet) is longer than MAX_LINE_CHARS characters. */
  private checkLength(): void {
    if (this.filled - this.start <= MAX_LINE_CHARS) return;
    const b = this.bytes;
    let chars = this.chars;
    for (let i = Math.max(this.counted, this.start); i < this.filled; i++) {
      const c = b[i]!;
      // UTF-16 units: one per character, two for a 4-byte sequence; continuation bytes add none.
      if (c < 0x80 || c >= 0xc0) chars += c >= 0xf0 ? 2 : 1;
    }
    this.counted = this.filled;
    this.chars = chars;
    if (chars > MAX_LINE_CHARS) throw this.tooLong();
  }
}
