/**
 * `npm run build`'s last step, after rolldown: V8 code caches for the bundle's chunks, read by
 * bin/scaling.js at start (it parses and compiles less; ARCHITECTURE.md, start-up). Runs the usual
 * commands in this process through bin/scaling.js's own loader, then writes, next to each chunk
 * they loaded, `<chunk>.cjs.cache`: a header (the chunk's mtimeMs, this Node's version, architecture
 * and V8) and V8's cache of every function compiled so far. Build output in dist/ (rolldown's cleanDir removes the old caches); a cache the
 * running Node cannot use is left out by V8 and the chunk compiled as usual.
 */
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BUNDLE = join(ROOT, "dist", "bundle");
const { loadChunk, CACHE_HEADER, CACHE_KEY } = createRequire(import.meta.url)("../bin/scaling.js");

for (const name of readdirSync(BUNDLE)) if (name.endsWith(".cache")) rmSync(join(BUNDLE, name));

// Small logs in both fast-path formats, as `scaling inspect` reads them.
const dir = mkdtempSync(join(tmpdir(), "scaling-code-cache-"));
const rows = [];
for (const [run, params] of [["small", 1e7], ["large", 1e8]]) {
  for (let step = 1000; step <= 16000; step *= 2) rows.push({ run, params, batch_tokens: 65536, step, loss: 2 + params ** -0.1 * 40 * step ** -0.2 });
}
const csv = join(dir, "curves.csv");
const jsonl = join(dir, "curves.jsonl");
writeFileSync(csv, `run,params,batch_tokens,step,loss\n${rows.map((r) => Object.values(r).join(",")).join("\n")}\n`);
writeFileSync(jsonl, rows.map((r) => `${JSON.stringify(r)}\n`).join(""));

// The commands whose start-up is measured (bench/run.js); a cache holds every function they ran,
// and V8 reads all of it at start, so more commands would slow these (by ~2 ms with predict,
// laws, --help and text inspect too). Other commands compile what the caches lack, as before.
const COMMANDS = [
  ["plan", "--compute", "1e21"],
  ["inspect", "--json", csv],
  ["inspect", "--json", jsonl],
];

const made = new Map();
const { main } = loadChunk("main.cjs", made);
const same = (text) => text;
try {
  for (const args of COMMANDS) {
    const err = [];
    const context = {
      stdout: () => {},
      stderr: (text) => void err.push(text),
      color: { bold: same, dim: same, green: same, red: same, yellow: same },
      stderrIsTTY: false,
      env: {},
      exitCode: 0,
    };
    const code = await main(["node", "scaling", ...args], context);
    if (code !== 0) throw new Error(`code cache: scaling ${args.join(" ")} exited with ${code}: ${err.join("")}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

let total = 0;
for (const [filename, { script, mtimeMs }] of made) {
  const data = script.createCachedData();
  const header = Buffer.alloc(CACHE_HEADER, " ");
  header.writeDoubleLE(mtimeMs, 0);
  if (header.write(CACHE_KEY, 8, "latin1") !== CACHE_KEY.length) throw new Error(`code cache: key too long: ${CACHE_KEY}`);
  // Whole or not at all: a reader never sees half a cache.
  writeFileSync(`${filename}.cache.tmp`, Buffer.concat([header, data]));
  renameSync(`${filename}.cache.tmp`, `${filename}.cache`);
  total += data.length;
}
console.log(`code cache: ${made.size} chunks (${[...made.keys()].map((f) => basename(f)).join(", ")}), ${(total / 1024).toFixed(0)} kB`);
