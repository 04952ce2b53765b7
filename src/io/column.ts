/**
 * Growable columns of numbers, 8 bytes a value, with their memory from an arena: large chunks
 * handed out from the bottom up. A column that is the last thing handed out grows in place, so
 * the rows of a file sorted by run (the usual log) are written once, where they stay: a run's
 * values are a view of the chunk, never copied or joined. A column that is not on top (rows of
 * runs interleaved) moves to the top at twice its size, as an array doubling would.
 *
 * Memory is the cost being saved: on the machines this was measured on, touching a fresh 4 KiB
 * page costs about 3 ms a MB (a page fault each, under a hypervisor), more than parsing the bytes
 * that fill it. The collector's arenas take their chunks from the native reader's hugeBuffer
 * (2 MiB pages: about 0.1 ms a MB) when it is built (native.ts); otherwise from plain arrays,
 * whose pages are still touched only once each.
 */

/** Chunk sizes in values: an arena's first chunk, and the size chunks double up to. */
export interface ArenaSizes {
  firstValues: number;
  maxValues: number;
}

/** A standalone column's own arena: starts as small as a plain growable array. */
const SMALL: ArenaSizes = { firstValues: 64, maxValues: 1 << 20 };

/** Room a new column takes (a final result is one value; curves grow in place from here). */
const FIRST_CAPACITY = 4;

const EMPTY = new Float64Array(0);

export class Arena {
  private chunk: Float64Array = EMPTY;
  private top = 0;
  private nextValues: number;
  /** Where the region last taken starts in its chunk. */
  at = 0;

  constructor(
    private readonly sizes: ArenaSizes = SMALL,
    private readonly allocate: (values: number) => Float64Array = (values) => new Float64Array(values),
  ) {
    this.nextValues = sizes.firstValues;
  }

  /** A region of `count` values: its chunk is returned, its start is `at`. */
  take(count: number): Float64Array {
    if (this.top + count > this.chunk.length) {
      this.chunk = this.allocate(Math.max(count, this.nextValues));
      this.top = 0;
      this.nextValues = Math.min(this.sizes.maxValues, this.nextValues * 2);
    }
    this.at = this.top;
    this.top += count;
    return this.chunk;
  }

  /** Grows the region of `chunk` that ends at `end` by `count` values, if it was the last taken and there is room. */
  extend(chunk: Float64Array, end: number, count: number): boolean {
    if (chunk !== this.chunk || end !== this.top || end + count > chunk.length) return false;
    this.top += count;
    return true;
  }
}

export class Column {
  private data: Float64Array = EMPTY;
  /** The column's values are data[start, start + length); it has room to start + capacity. */
  private start = 0;
  private capacity = 0;
  length = 0;

  constructor(private readonly arena: Arena = new Arena()) {}

  push(value: number): void {
    if (this.length === this.capacity) this.grow();
    this.data[this.start + this.length++] = value;
  }

  /** The value at an index below length. */
  at(index: number): number {
    return this.data[this.start + index]!;
  }

  /** Replace the value at an index below length. */
  set(index: number, value: number): void {
    this.data[this.start + index] = value;
  }

  /**
   * The values, as a view of exactly `length` of the arena's chunk (no copy). Take it when the
   * column is complete: a later push may move the column, and the view would not follow.
   */
  values(): Float64Array {
    return this.data.subarray(this.start, this.start + this.length);
  }

  private grow(): void {
    const more = Math.max(FIRST_CAPACITY, this.capacity);
    if (this.arena.extend(this.data, this.start + this.capacity, more)) {
      this.capacity += more;
      return;
    }
    const data = this.arena.take(this.capacity + more);
    const at = this.arena.at;
    if (this.length > 0) data.set(this.data.subarray(this.start, this.start + this.length), at);
    this.data = data;
    this.start = at;
    this.capacity += more;
  }
}

/** source[order[i]] for each i. */
export function gather(source: Float64Array, order: ArrayLike<number>): Float64Array {
  const out = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = source[order[i]!]!;
  return out;
}
