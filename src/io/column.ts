/** A growable Float64Array: a column of numbers that costs 8 bytes a value, not a JS object. */
export class Column {
  private data = new Float64Array(64);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** The value at an index below length. */
  at(index: number): number {
    return this.data[index]!;
  }

  /** Replace the value at an index below length. */
  set(index: number, value: number): void {
    this.data[index] = value;
  }

  /** A column holding these values. */
  static of(values: Float64Array): Column {
    const column = new Column();
    column.data = values.length > 0 ? values.slice() : new Float64Array(64);
    column.length = values.length;
    return column;
  }

  /** The values, trimmed to length (a view, not a copy). */
  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** source[order[i]] for each i. */
export function gather(source: Float64Array, order: ArrayLike<number>): Float64Array {
  const out = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = source[order[i]!]!;
  return out;
}
