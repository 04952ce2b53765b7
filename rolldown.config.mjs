/**
 * The executable's bundle (`npm run build`, after tsc): dist/ compiled by tsc, bundled with its
 * dependencies into CommonJS chunks under dist/bundle/, so `scaling` starts without Node's ESM
 * loader and without resolving ~35 files (issue 7: `plan` within 2x of `node -e 0`). Commands'
 * lazy imports stay separate chunks; the grid fit's worker is an entry of its own.
 */
export default {
  input: { main: "dist/cli/main.js", gridScreenWorker: "dist/fit/gridScreenWorker.js" },
  platform: "node",
  output: { dir: "dist/bundle", format: "cjs", entryFileNames: "[name].cjs", chunkFileNames: "[name]-[hash].cjs", cleanDir: true },
};
