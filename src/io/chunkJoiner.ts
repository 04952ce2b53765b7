/**
 * Joining streamed text chunks into text that ends at a line end. A chunk with no newline
 * waits in a list (joined once, when a line end arrives), so a very long line costs linear
 * time, not a rescan per chunk; a line longer than MAX_LINE_CHARS is refused, since no run
 * log has one and holding it would take memory without bound.
 */

/** The longest line read: 32M characters. */
export const MAX_LINE_CHARS = 32 * 1024 * 1024;

export class ChunkJoiner {
  private parts: string[] = [];
  private length = 0;

  /** @param tooLong - the error to throw for an over-long line */
  constructor(private readonly tooLong: () => Error) {}

  /** Everything held plus this chunk, once the chunk holds a line end; otherwise null (held). */
  next(chunk: string): string | null {
    this.parts.push(chunk);
    this.length += chunk.length;
    if (chunk.indexOf("\n") < 0) {
      if (this.length > MAX_LINE_CHARS) throw this.tooLong();
      return null;
    }
    const text = this.parts.length === 1 ? chunk : this.parts.join("");
    this.parts = [];
    this.length = 0;
    return text;
  }

  /** True while text is held for a line end. */
  holding(): boolean {
    return this.parts.length > 0;
  }

  /** Holds the unfinished tail of the text last returned, for the next chunk. */
  keep(tail: string): void {
    if (tail === "") return;
    this.parts = [tail];
    this.length = tail.length;
  }

  /** What is held at the end of the input. */
  rest(): string {
    const text = this.parts.join("");
    this.parts = [];
    this.length = 0;
    return text;
  }
}

export function longLineMessage(): string {
  return `a line is longer than ${MAX_LINE_CHARS / (1024 * 1024)}M characters with no line end; this is not a run log (check the file and its format)`;
}
