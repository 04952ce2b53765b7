/**
 * The executable's bundle (`npm run build`, after tsc): dist/ compiled by tsc, bundled with its
 * dependencies into CommonJS chunks under dist/bundle/, so `scaling` starts without Node's ESM
 * loader and without resolving ~35 files (issue 7: `plan` within 2x of `node -e 0`). Commands'
 * lazy imports stay separate chunks; the grid fit's worker is an entry of its own.
 *
 * Start-up (ARCHITECTURE.md): every module main.js imports statically, and nothing the worker
 * imports, goes into one chunk (`start-[hash].cjs`, which main.cjs re-exports): bin/scaling.js
 * then loads 3 files, not 12. commander requires node:child_process only to run executable
 * subcommands, which scaling has none of: it is required when one would be spawned.
 */
import { resolve } from "node:path";

const ENTRIES = { main: "dist/cli/main.js", gridScreenWorker: "dist/fit/gridScreenWorker.js" };

/** Ids of the modules main.js loads at start and the worker does not, known after the build. */
const startModules = new Set();

/** Fills startModules from the module graph (static imports only) once it is built. */
const startGraph = {
  name: "start-graph",
  buildEnd() {
    const closure = (entry) => {
      const seen = new Set();
      const todo = [resolve(entry)];
      while (todo.length > 0) {
        const id = todo.pop();
        if (seen.has(id)) continue;
        const info = this.getModuleInfo(id);
        if (info === null) this.error(`start-graph: no module ${id}`);
        seen.add(id);
        todo.push(...info.importedIds);
      }
      return seen;
    };
    const worker = closure(ENTRIES.gridScreenWorker);
    startModules.clear();
    for (const id of closure(ENTRIES.main)) if (!worker.has(id)) startModules.add(id);
  },
};

/** commander's `require("node:child_process")` (~4 ms at start), made when it is first used. */
const lazyChildProcess = {
  name: "lazy-child-process",
  transform: {
    filter: { id: /[\\/]commander[\\/]lib[\\/]command\.js$/ },
    handler(code) {
      const eager = "const childProcess = require('node:child_process');";
      if (!code.includes(eager)) this.error("commander no longer requires node:child_process as rolldown.config.mjs expects");
      const lazy = "const childProcess = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });";
      return { code: code.replace(eager, lazy), map: null };
    },
  },
};

export default {
  input: ENTRIES,
  platform: "node",
  plugins: [startGraph, lazyChildProcess],
  output: {
    dir: "dist/bundle",
    format: "cjs",
    entryFileNames: "[name].cjs",
    chunkFileNames: "[name]-[hash].cjs",
    cleanDir: true,
    charset: "ascii",
    comments: { legal: true, annotation: false, jsdoc: false },
    codeSplitting: { groups: [{ name: "start", test: (id) => startModules.has(id) }] },
  },
};
