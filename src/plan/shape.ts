/**
 * A transformer shape for a parameter count: N = 12 n_layer d_model^2 (Kaplan et al. 2020,
 * Table 1, with d_attn = d_model and d_ff = 4 d_model). Loss depends weakly on shape at fixed N
 * (sec. 3.1: aspect ratios d_model/n_layer from ~20 to ~200 stay within a few percent), so we
 * aim at an aspect ratio of 128, the GPT-3 family's, with d_model a multiple of the head size.
 */
export interface ModelShape {
  nLayer: number;
  dModel: number;
  nHeads: number;
}

/** Aspect ratio d_model / n_layer aimed at. @default 128 */
export const TARGET_ASPECT_RATIO = 128;

/**
 * How far a shape's 12 n_layer d_model^2 may be from N and still be shown as N's shape. A plan
 * whose N no shape comes this close to (below 49,152, or in gaps between the few small shapes
 * up to ~5e5) shows none rather than one that contradicts N. @default 0.05
 */
export const SHAPE_TOLERANCE = 0.05;

/** The smallest shape: one layer, d_model one head of 64. */
export const SMALLEST_SHAPE: ModelShape = { nLayer: 1, dModel: 64, nHeads: 1 };

/** Non-embedding parameters of a shape: 12 n_layer d_model^2. */
export function shapeParams(shape: ModelShape): number {
  return 12 * shape.nLayer * shape.dModel * shape.dModel;
}

/**
 * The nearest shape to N (`matchesParams` says whether it matches N): a shape with
 * 12 n_layer d_model^2 within 2% of N and the aspect ratio nearest the target, d_model a
 * multiple of the head size (64 below d_model 1024, else 128); failing that, one within
 * SHAPE_TOLERANCE; failing that, the nearest size.
 * @example suggestShape(1.75e11) // { nLayer: 97, dModel: 12288, nHeads: 96 } (GPT-3: 96 x 12288)
 */
export function suggestShape(nParams: number, aspectRatio = TARGET_ASPECT_RATIO): ModelShape {
  const ideal = Math.cbrt(nParams / (12 * aspectRatio * aspectRatio));
  let best: ModelShape = SMALLEST_SHAPE;
  if (!Number.isFinite(ideal) || !(nParams > 0)) return best;
  let bestScore = Infinity;
  const scan = (first: number, last: number): void => {
    // Every depth up to a few thousand; beyond (N > ~1e22) an even grid of depths, so a huge
    // N cannot loop for ever (found by the fuzz harness: plan --params 1e30).
    const stride = Math.max(1, Math.ceil((last - first) / 4096));
    for (let nLayer = first; nLayer <= last; nLayer += stride) {
      const exact = Math.sqrt(nParams / (12 * nLayer));
      const headDim = exact < 1024 ? 64 : 128;
      for (const dModel of [Math.floor(exact / headDim) * headDim, Math.ceil(exact / headDim) * headDim]) {
        if (dModel < headDim) continue;
        const shape = { nLayer, dModel, nHeads: dModel / headDim };
        const aspect = dModel / nLayer;
        // Within 2% of N, the aspect ratio nearest the target; failing that, within
        // SHAPE_TOLERANCE; failing that, the nearest size. Within a tier, shapes outside
        // sec. 3.1's 20..200 only when nothing else is there.
        const sizeError = Math.abs(Math.log(shapeParams(shape) / nParams));
        const aspectScore = Math.abs(Math.log(aspect / aspectRatio)) + (aspect < 20 || aspect > 200 ? 100 : 0);
        const score = sizeError <= 0.02 ? aspectScore : matchesParams(shape, nParams) ? 1000 + aspectScore : 10000 + sizeError;
        if (score < bestScore) {
          bestScore = score;
          best = shape;
        }
      }
    }
  };
  // Depths around the target aspect ratio (aspects ~45..360)...
  scan(Math.max(1, Math.floor(ideal / 2)), Math.ceil(ideal * 2) + 1);
  // ...and, when none of them matches N (small N, where the few shapes are far apart), every
  // depth where d_model 64 is within reach, so that "no shape matches" is true of all shapes.
  if (!matchesParams(best, nParams)) scan(1, Math.max(1, Math.floor((nParams * (1 + SHAPE_TOLERANCE)) / shapeParams(SMALLEST_SHAPE))));
  return best;
}

/** Whether a shape's 12 n_layer d_model^2 is within SHAPE_TOLERANCE of N. */
export function matchesParams(shape: ModelShape, nParams: number): boolean {
  return Math.abs(shapeParams(shape) / nParams - 1) <= SHAPE_TOLERANCE;
}
