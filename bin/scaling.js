#!/usr/bin/env node
// The executable: loads the bundled CLI (dist/bundle/, built by `npm install` via `prepare`) and
// nothing else. CommonJS (bin/package.json), so Node starts it without its ESM loader.
"use strict";
const { main } = require("../dist/bundle/main.cjs");

main(process.argv).then((code) => {
  process.exitCode = code;
});
