#!/usr/bin/env node
// The executable: loads the bundled CLI (dist/bundle/, built by `npm install` via `prepare`) and
// nothing else. CommonJS (bin/package.json), so Node starts it without its ESM loader.
//
// The bundle's chunks are compiled here rather than by Node's require, to hand V8 the code cache
// that `npm run build` left next to each chunk (scripts/code-cache.mjs, `<chunk>.cjs.cache`): V8
// then skips parsing and compiling what the usual commands run. A cache is used only by the Node
// that made it (version, architecture, V8) and for the chunk file it was made from (same
// modification time; V8 itself also checks its flags and the source's length), and is otherwise
// left out in silence: the chunk is compiled as Node would. Nothing is written here. Chunks
// require each other as "./name.cjs" (rolldown.config.mjs), which this resolves itself; anything
// else goes to Node's require.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

// The CommonJS Module class, without require("node:module") (which loads the ESM loader).
const Module = module.constructor;
const BUNDLE = path.join(module.path, "..", "dist", "bundle");
/**
 * A `.cache` file: the chunk's mtimeMs (float64), CACHE_KEY padded with spaces to CACHE_HEADER
 * bytes (which keeps V8's data aligned), then V8's data.
 */
const CACHE_HEADER = 64;
const CACHE_KEY = `${process.version} ${process.arch} ${process.versions.v8}`;

/**
 * Loads dist/bundle/<name> (and, through it, the chunks it requires) and returns its exports.
 * @param {Map<string, {script: import("node:vm").Script, mtimeMs: number}>} [made] - when given,
 *   caches are not read, and each chunk compiled is added to it (scripts/code-cache.mjs).
 */
function loadChunk(name, made) {
  const filename = path.join(BUNDLE, name);
  const cached = require.cache[filename];
  if (cached !== undefined) return cached.exports;
  let fd;
  try {
    fd = fs.openSync(filename, "r");
  } catch {
    return require(filename); // not built, or unreadable: Node's own error
  }
  let source, mtimeMs;
  try {
    mtimeMs = fs.fstatSync(fd).mtimeMs;
    source = fs.readFileSync(fd, "utf8");
  } finally {
    fs.closeSync(fd);
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {\n${source}\n})`, {
    filename,
    lineOffset: -1,
    cachedData: made === undefined ? codeCache(filename, mtimeMs) : undefined,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  made?.set(filename, { script, mtimeMs });
  const chunk = new Module(filename, module);
  chunk.filename = filename;
  const nodeRequire = Module.createRequire(filename);
  const chunkRequire = Object.assign((id) => (id.startsWith("./") && id.endsWith(".cjs") && !id.includes("/", 2) ? loadChunk(id.slice(2), made) : nodeRequire(id)), nodeRequire);
  require.cache[filename] = chunk;
  try {
    script.runInThisContext().call(chunk.exports, chunk.exports, chunkRequire, chunk, filename, BUNDLE);
  } catch (error) {
    delete require.cache[filename];
    throw error;
  }
  chunk.loaded = true;
  return chunk.exports;
}

/** V8's code cache for the chunk, or undefined when there is none or it was made from another file. */
function codeCache(filename, mtimeMs) {
  let bytes;
  try {
    bytes = fs.readFileSync(`${filename}.cache`);
  } catch {
    return undefined;
  }
  if (bytes.length <= CACHE_HEADER || bytes.readDoubleLE(0) !== mtimeMs || bytes.toString("latin1", 8, CACHE_HEADER).trimEnd() !== CACHE_KEY) return undefined;
  return bytes.subarray(CACHE_HEADER);
}

if (require.main === module) {
  loadChunk("main.cjs")
    .main(process.argv)
    .then((code) => {
      process.exitCode = code;
    });
} else {
  module.exports = { loadChunk, CACHE_HEADER, CACHE_KEY };
}
