#!/usr/bin/env node
// The executable: loads the compiled CLI and nothing else (built by `npm install` via `prepare`).
import { main } from "../dist/cli/main.js";

main(process.argv).then((code) => {
  process.exitCode = code;
});
