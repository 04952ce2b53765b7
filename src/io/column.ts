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

  /** The values, trimmed to length (a view, not a copy). */
  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}
