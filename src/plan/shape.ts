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

/** Non-embedding parameters of a shape: 12 n_layer d_model^2. */
export function shapeParams(shape: ModelShape): number {
  return 12 * shape.nLayer * shape.dModel * shape.dModel;
}

/**
 * A shape with 12 n_layer d_model^2 within 2% of N and the aspect ratio nearest the target,
 * d_model a multiple of the head size (64 below d_model 1024, else 128).
 * @example suggestShape(1.75e11) // { nLayer: 97, dModel: 12288, nHeads: 96 } (GPT-3: 96 x 12288)
 */
export function suggestShape(nParams: number, aspectRatio = TARGET_ASPECT_RATIO): ModelShape {
  const ideal = Math.cbrt(nParams / (12 * aspectRatio * aspectRatio));
  let best: ModelShape = { nLayer: 1, dModel: 64, nHeads: 1 };
  if (!Number.isFinite(ideal) || !(nParams > 0)) return best;
  let bestScore = Infinity;
  const first = Math.max(1, Math.floor(ideal / 2));
  const last = Math.ceil(ideal * 2) + 1;
  // Every depth in the window up to a few thousand; beyond (N > ~1e22) an even grid of
  // depths, so a huge N cannot loop for ever (found by the fuzz harness: plan --params 1e30).
  const stride = Math.max(1, Math.ceil((last - first) / 4096));
  for (let nLayer = first; nLayer <= last; nLayer += stride) {
    const exact = Math.sqrt(nParams / (12 * nLayer));
    const headDim = exact < 1024 ? 64 : 128;
    for (const dModel of [Math.floor(exact / headDim) * headDim, Math.ceil(exact / headDim) * headDim]) {
      if (dModel < headDim) continue;
      const shape = { nLayer, dModel, nHeads: dModel / headDim };
      const aspect = dModel / nLayer;
      // Among shapes within 2% of N, the aspect ratio nearest the target; failing that, the
      // nearest size. Shapes outside sec. 3.1's 20..200 only when nothing else is near.
      const sizeError = Math.abs(Math.log(shapeParams(shape) / nParams));
      const score =
        (sizeError <= 0.02 ? Math.abs(Math.log(aspect / aspectRatio)) : 10 + sizeError) +
        (aspect < 20 || aspect > 200 ? 100 : 0);
      if (score < bestScore) {
        bestScore = score;
        best = shape;
      }
    }
  }
  return best;
}
