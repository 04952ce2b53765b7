#!/usr/bin/env node
/**
 * Deterministic, seeded generators of the benchmark inputs, written to bench/out/ (git-ignored).
 *
 *   node bench/generate.mjs [--force]
 *
 * Files (regenerated only when missing or when GENERATOR_VERSION changes):
 * - curves-1m.csv, curves-1m.jsonl: a sweep's learning curves, 10 model sizes x 4 batch sizes
 *   x 5 seeds = 200 runs x 5,000 logged steps (every 20 steps, to step 100,000) = 1M rows,
 *   columns run,params,batch_tokens,step,tokens,loss.
 * - curves-4m.csv: the same 200 runs logged every 5 steps (20,000 points a run): 4M rows, for
 *   the memory-flatness target (same runs, 4x the file).
 * - final-250.csv: a final-results table of 250 runs (run,params,tokens,loss) from the
 *   Chinchilla form with the Hoffmann et al. 2022 unrounded constants (shared/laws.md).
 * - chinchilla-240.csv: the 240 points of the Approach-3 grid-fit benchmark (params,tokens,loss).
 *   Read at bench time from /work/shared/data/epoch_chinchilla_fig4/svg_extracted_data.csv
 *   when it exists (Epoch's filter: drop the 5 highest losses; D = C / 6N), else generated from
 *   the Epoch preset (E = 1.82, A = 482.01, B = 2085.43, alpha = 0.3478, beta = 0.3658) with
 *   noise. Never committed: bench/out/ is git-ignored.
 *
 * Learning-curve loss: Kaplan et al. 2020 L(N, S_min) = (Nc/N)^alphaN + (Sc/S_min)^alphaS
 * (eq. 1.6, Table 3: alphaN = 0.077, alphaS = 0.76, Nc = 6.5e13, Sc = 2.1e3), with
 * S_min = S / (1 + B_crit(L)/B) (eq. 5.4) and B_crit(L) = Bstar / L^(1/alphaB) (eq. 1.4,
 * Bstar = 2e8 tokens, alphaB = 0.21), solved for L at each (N, B, S) by safeguarded Newton; then a
 * per-run offset (log-normal, sigma 0.003) and per-row noise (log-normal, sigma 0.01).
 */
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync, closeSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const GENERATOR_VERSION = 1;
export const OUT = join(dirname(fileURLToPath(import.meta.url)), "out");
export const EPOCH_CSV = "/work/shared/data/epoch_chinchilla_fig4/svg_extracted_data.csv";

/** Constants the curves are generated from (the truth a fit should recover). */
export const TRUTH = {
  ns: { alphaN: 0.077, alphaS: 0.76, Nc: 6.5e13, Sc: 2.1e3 },
  bcrit: { Bstar: 2e8, alphaB: 0.21 },
  chinchilla: { E: 1.69337368, A: 406.401018, B: 410.722827, alpha: 0.33917084, beta: 0.2849083 },
  epoch: { E: 1.82, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 },
};

export const SIZES = Array.from({ length: 10 }, (_, i) => Math.round(10 ** (6.5 + (i * 2.5) / 9)));
export const BATCHES = [65536, 131072, 262144, 524288];
export const SEEDS = 5;

/** mulberry32: a small seeded PRNG, returns uniform [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random) {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * L solving L = (Nc/N)^alphaN + (Sc (1 + B_crit(L)/B) / S)^alphaS: safeguarded Newton inside a
 * bracket [lInf, hi]; `above` (the loss at an earlier step, which is higher) tightens the bracket.
 */
export function kaplanLossAt(nParams, batchTokens, steps, above = Infinity) {
  const { alphaN, alphaS, Nc, Sc } = TRUTH.ns;
  const { Bstar, alphaB } = TRUTH.bcrit;
  const lInf = (Nc / nParams) ** alphaN;
  const k = (Sc / steps) * (Bstar / batchTokens);
  const inner = (L) => Sc / steps + k * L ** (-1 / alphaB);
  const g = (L) => lInf + inner(L) ** alphaS - L;
  let lo = lInf;
  let hi = Number.isFinite(above) ? above : lInf + 1;
  while (g(hi) > 0) hi = lInf + 2 * (hi - lInf);
  let L = hi;
  for (let i = 0; i < 100; i++) {
    const value = g(L);
    if (value > 0) lo = L;
    else hi = L;
    const slope = alphaS * inner(L) ** (alphaS - 1) * k * (-1 / alphaB) * L ** (-1 / alphaB - 1) - 1;
    let next = L - value / slope;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - L) <= 1e-14 * L || hi - lo <= 1e-14 * hi) return next;
    L = next;
  }
  return L;
}

/** Buffered writer of text lines to a file. */
function lineWriter(path) {
  const fd = openSync(path, "w");
  let parts = [];
  let size = 0;
  return {
    write(text) {
      parts.push(text);
      size += text.length;
      if (size > 1 << 20) this.flush();
    },
    flush() {
      if (parts.length > 0) writeSync(fd, parts.join(""));
      parts = [];
      size = 0;
    },
    close() {
      this.flush();
      closeSync(fd);
    },
  };
}

/** Writes the sweep's learning curves, logged every `every` steps up to `lastStep`. */
function writeCurves(csvPath, jsonlPath, every, lastStep) {
  const csv = lineWriter(csvPath);
  const jsonl = jsonlPath ? lineWriter(jsonlPath) : null;
  csv.write("run,params,batch_tokens,step,tokens,loss\n");
  let rows = 0;
  SIZES.forEach((nParams, i) => {
    BATCHES.forEach((batchTokens, j) => {
      for (let seed = 0; seed < SEEDS; seed++) {
        // One stream per run, so the 1M and 4M files share each run's offset.
        const random = mulberry32(1 + 1000 * i + 100 * j + seed);
        const offset = Math.exp(0.003 * gaussian(random));
        const rowNoise = mulberry32(7919 * (1 + 1000 * i + 100 * j + seed) + every);
        const run = `n${nParams.toExponential(2)}_b${batchTokens}_s${seed}`;
        let above = Infinity;
        for (let step = every; step <= lastStep; step += every) {
          const clean = kaplanLossAt(nParams, batchTokens, step, above);
          above = clean;
          const loss = clean * offset * Math.exp(0.01 * gaussian(rowNoise));
          const tokens = step * batchTokens;
          const lossText = loss.toFixed(5);
          csv.write(`${run},${nParams},${batchTokens},${step},${tokens},${lossText}\n`);
          jsonl?.write(`{"run":"${run}","params":${nParams},"batch_tokens":${batchTokens},"step":${step},"tokens":${tokens},"loss":${lossText}}\n`);
          rows++;
        }
      }
    });
  });
  csv.close();
  jsonl?.close();
  return rows;
}

/** 250 final results from the Chinchilla form with noise: N log-uniform 1e7..1e10, D/N 2..200. */
function writeFinal(path) {
  const { E, A, B, alpha, beta } = TRUTH.chinchilla;
  const random = mulberry32(250);
  const out = lineWriter(path);
  out.write("run,params,tokens,loss\n");
  for (let k = 0; k < 250; k++) {
    const nParams = Math.round(10 ** (7 + 3 * random()));
    const nTokens = Math.round(nParams * 10 ** (Math.log10(2) + 2 * random()));
    const loss = (E + A / nParams ** alpha + B / nTokens ** beta) * Math.exp(0.01 * gaussian(random));
    out.write(`final${k},${nParams},${nTokens},${loss.toPrecision(8)}\n`);
  }
  out.close();
  return 250;
}

/** Minimal CSV split for the Epoch file (no quoted fields in it). */
function readEpoch() {
  const lines = readFileSync(EPOCH_CSV, "utf8").trim().split(/\r?\n/);
  const header = lines[0].split(",");
  const iN = header.indexOf("Model Size");
  const iC = header.indexOf("Training FLOP");
  const iL = header.indexOf("loss");
  const rows = lines.slice(1).map((line) => {
    const cells = line.split(",");
    const nParams = Number(cells[iN]);
    return { nParams, nTokens: Number(cells[iC]) / (6 * nParams), loss: Number(cells[iL]) };
  });
  // Epoch's filter (data_analysis.ipynb cell 14): losses < sorted(losses)[-5].
  const cut = rows.map((r) => r.loss).sort((a, b) => a - b)[rows.length - 5];
  return rows.filter((r) => r.loss < cut);
}

/** 240 points of the grid-fit benchmark; `source` says where they came from. */
function writeChinchilla240(path) {
  let points;
  let source;
  if (existsSync(EPOCH_CSV)) {
    points = readEpoch();
    source = `${EPOCH_CSV} (Epoch filter: 5 highest losses dropped; D = C/6N)`;
  } else {
    const { E, A, B, alpha, beta } = TRUTH.epoch;
    const random = mulberry32(240);
    points = Array.from({ length: 240 }, () => {
      const nParams = 10 ** (7.75 + 2.5 * random());
      const flops = 10 ** (18.1 + 4 * random());
      const nTokens = flops / (6 * nParams);
      return { nParams, nTokens, loss: (E + A / nParams ** alpha + B / nTokens ** beta) * Math.exp(0.02 * gaussian(random)) };
    });
    source = "generated from the Epoch preset with log-normal noise (sigma 0.02): shared data not found";
  }
  // Number#toString round-trips doubles exactly, so Python and Node read identical values.
  const text = ["params,tokens,loss", ...points.map((p) => `${p.nParams},${p.nTokens},${p.loss}`)].join("\n") + "\n";
  writeFileSync(path, text);
  return { rows: points.length, source };
}

/** Generates every input unless present at the current version; returns the manifest. */
export function generate({ force = false, log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  mkdirSync(OUT, { recursive: true });
  const manifestPath = join(OUT, "manifest.json");
  if (!force && existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    const files = Object.keys(manifest.files ?? {});
    if (manifest.version === GENERATOR_VERSION && files.length > 0 && files.every((f) => existsSync(join(OUT, f)))) return manifest;
  }
  const files = {};
  const started = Date.now();
  log("generating bench/out/curves-1m.csv and curves-1m.jsonl (1M rows)...");
  files["curves-1m.csv"] = { rows: writeCurves(join(OUT, "curves-1m.csv"), join(OUT, "curves-1m.jsonl"), 20, 100_000) };
  files["curves-1m.jsonl"] = { rows: files["curves-1m.csv"].rows };
  log("generating bench/out/curves-4m.csv (4M rows, same runs)...");
  files["curves-4m.csv"] = { rows: writeCurves(join(OUT, "curves-4m.csv"), null, 5, 100_000) };
  files["final-250.csv"] = { rows: writeFinal(join(OUT, "final-250.csv")) };
  files["chinchilla-240.csv"] = writeChinchilla240(join(OUT, "chinchilla-240.csv"));
  const manifest = { version: GENERATOR_VERSION, truth: TRUTH, sizes: SIZES, batches: BATCHES, seeds: SEEDS, files };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + "\n");
  log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return manifest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const manifest = generate({ force: process.argv.includes("--force") });
  process.stdout.write(JSON.stringify(manifest.files, null, 2) + "\n");
}
