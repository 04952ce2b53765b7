/**
 * What the byte-level readers (tableBytes.ts, jsonlBytes.ts) share: the role of a column or key
 * in a row, and the run name, decoded only when its bytes change from one row to the next.
 */

/** A column's or key's role: the F slot of its numeric field (>= 0), or one of these. */
export const SKIP = -1;
export const RUN = -2;

/** The last run name read from bytes: consecutive rows of a run share one string. */
export class NameCache {
  /** The name last taken. */
  name: string | null = null;
  private bytes = new Uint8Array(256);
  private length = -1;

  /** Takes bytes[from, to) (ASCII) as the name. */
  take(b: Uint8Array, from: number, to: number): string {
    const length = to - from;
    if (length === this.length) {
      const held = this.bytes;
      let k = 0;
      while (k < length && held[k] === b[from + k]) k++;
      if (k === length) return this.name!;
    }
    return this.remember(b, from, to);
  }

  /** A new name (kept apart from take, whose comparison is the hot path). */
  private remember(b: Uint8Array, from: number, to: number): string {
    const length = to - from;
    this.name = Buffer.from(b.buffer, b.byteOffset + from, length).toString("latin1");
    if (length > this.bytes.length) this.bytes = new Uint8Array(length * 2);
    this.bytes.set(b.subarray(from, to));
    this.length = length;
    return this.name;
  }
}
