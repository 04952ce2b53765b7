/**
 * A growable column of numbers that costs 8 bytes a value, not a JS object: a first block that
 * doubles up to BLOCK values, then blocks of BLOCK values, joined once when read. Growing by
 * blocks copies nothing and touches each page of memory once (fresh pages cost microseconds
 * each on these machines: doubling one array touched about three times the pages).
 */
const BLOCK_BITS = 13;
const BLOCK = 1 << BLOCK_BITS;

export class Column {
  private blocks: Float64Array[] = [new Float64Array(16)];
  private current: Float64Array = this.blocks[0]!;
  /** Free slots in `current`. */
  private room = 16;
  length = 0;

  push(value: number): void {
    if (this.room === 0) this.grow();
    this.current[this.current.length - this.room--] = value;
    this.length++;
  }

  /** The value at an index below length. */
  at(index: number): number {
    return this.blocks[index >>> BLOCK_BITS]![index & (BLOCK - 1)]!;
  }

  /** Replace the value at an index below length. */
  set(index: number, value: number): void {
    this.blocks[index >>> BLOCK_BITS]![index & (BLOCK - 1)] = value;
  }

  /**
   * The values in one array of exactly `length` (joined from the blocks; a small column is
   * copied out of its block, so that a run of one value does not hold a block). Later pushes
   * are not seen by an array already returned.
   */
  values(): Float64Array {
    if (this.blocks.length === 1) {
      const only = this.blocks[0]!;
      return this.length === only.length ? only : only.slice(0, this.length);
    }
    const out = new Float64Array(this.length);
    let at = 0;
    for (const block of this.blocks) {
      const take = Math.min(block.length, this.length - at);
      out.set(take === block.length ? block : block.subarray(0, take), at);
      at += take;
    }
    return out;
  }

  private grow(): void {
    const first = this.blocks[0]!;
    if (this.blocks.length === 1 && first.length < BLOCK) {
      const grown = new Float64Array(first.length * 2);
      grown.set(first);
      this.blocks[0] = grown;
      this.current = grown;
      this.room = grown.length - first.length;
      return;
    }
    this.current = new Float64Array(BLOCK);
    this.blocks.push(this.current);
    this.room = BLOCK;
  }
}

/** source[order[i]] for each i. */
export function gather(source: Float64Array, order: ArrayLike<number>): Float64Array {
  const out = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = source[order[i]!]!;
  return out;
}
