/**
 * The optional native addon (native/scaling.c and native/grid.c, built at install by
 * scripts/build-native.mjs): huge-page memory for columns, the byte readers' fast paths in C,
 * and the grid fit's screen (src/fit/gridScreen.ts). Every caller has the same rules in
 * JavaScript for when it is not built (no compiler at install) or is switched off
 * (ReadOptions.native and ChinchillaFitOptions.native, the CLI's SCALING_NATIVE=0). Reading
 * gives the same results either way (test/io/byteReaders.test.ts, test/io/native.test.ts); the
 * grid fit the same optimum, its count of starts at the optimum within a few
 * (test/fit/nativeScreen.test.ts).
 */
import { fileURLToPath } from "node:url";

export interface NativeReader {
  /** An ArrayBuffer of zeros in memory advised for 2 MiB pages. */
  hugeBuffer(bytes: number): ArrayBuffer;
  /**
   * The rows tableBytes' fast path takes from bytes[start, end); with slots, lossScale and
   * summary, in segments (rows of one run) with a summary of each: see native/scaling.c.
   */
  scanTable(
    bytes: Uint8Array,
    start: number,
    end: number,
    roles: Int8Array,
    positive: Uint8Array,
    delimiter: number,
    base: Float64Array,
    out: Float64Array,
    names: Int32Array,
    state: Int32Array,
    slots?: Int32Array,
    lossScale?: number,
    summary?: Float64Array,
  ): number;
  /** The lines jsonlBytes' fast path takes from bytes[start, end) with the keys of `keys` (segments: as scanTable). */
  scanJsonl(
    bytes: Uint8Array,
    start: number,
    end: number,
    keys: Uint8Array,
    roles: Int8Array,
    positive: Uint8Array,
    base: Float64Array,
    out: Float64Array,
    names: Int32Array,
    state: Int32Array,
    slots?: Int32Array,
    lossScale?: number,
    summary?: Float64Array,
  ): number;
  /**
   * L-BFGS from each start (5 numbers each) of the Approach-3 objective into its slot of
   * objectives (Infinity where no stopping test was met), ends and iterations, on `threads`
   * native threads; returns the threads used. Absent where the vector code cannot run
   * (native/grid.c: x86-64 without AVX2 and FMA, and other machines than x86-64 and AArch64).
   */
  screenGrid?(
    lnN: Float64Array,
    lnD: Float64Array,
    lnL: Float64Array,
    huberDelta: number,
    starts: Float64Array,
    gtol: number,
    ftol: number,
    maxIterations: number,
    threads: number,
    objectives: Float64Array,
    ends: Float64Array,
    iterations: Int32Array,
  ): number;
  /** The screen's objective at x, its gradient into `gradient` (for tests); absent with screenGrid. */
  huberLse?(lnN: Float64Array, lnD: Float64Array, lnL: Float64Array, huberDelta: number, x: Float64Array, gradient: Float64Array): number;
}

/** From src/io/, dist/io/ and dist/bundle/ alike: the package root is two levels up. */
const ADDON = "../../build/Release/scaling.node";

let loaded: NativeReader | null | undefined;

/** The native reader, or null when it is not built or `options.native` is false. */
export function nativeReader(options: { native?: boolean | undefined } = {}): NativeReader | null {
  if (options.native === false) return null;
  if (loaded === undefined) {
    try {
      // process.dlopen, as require does for a .node file, without loading node:module.
      const addon = { exports: {} };
      process.dlopen(addon, fileURLToPath(new URL(ADDON, import.meta.url)));
      loaded = addon.exports as NativeReader;
    } catch {
      loaded = null;
    }
  }
  return loaded;
}
