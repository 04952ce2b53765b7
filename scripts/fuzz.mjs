#!/usr/bin/env node
/**
 * `npm run fuzz`: throws mutated inputs and random flag combinations at the built CLI
 * (`node bin/scaling.js`, one process a case) and fails on anything a user must never see:
 *   - an exit code other than 0, 1 or 2 (or death by a signal),
 *   - a stack trace (`at ... .js:`) or "internal error" in the output,
 *   - a hang past the time bound (the process is killed),
 *   - an output file (--out, --plot) left half-written, an existing file clobbered by a failed
 *     run, or a stray temporary file (`.*.tmp`) in the output folder.
 * Inputs are the files in fixtures/ mutated at run time (truncation, byte flips, huge numbers,
 * empty fields, wrong delimiters, deep JSON, very long lines, invalid UTF-8, a 100 MB line),
 * written into a temporary folder and removed afterwards; nothing generated is committed.
 *
 *   node scripts/fuzz.mjs [--seed 1] [--runs 500] [--seconds 300] [--timeout 20] [--jobs 2]
 *                         [--no-big] [--json] [--keep] [--only CASE]
 * --only reruns one case of a seed (each case has its own generator: seed and index).
 * Exit 0 when every case passed, 1 when any failed (each failure is printed with the command
 * and the input file kept for reproduction under the temporary folder), 2 on bad arguments.
 */
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { clearTimeout, setTimeout } from "node:timers";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
// SCALING_FUZZ_BIN: another executable to judge (the harness's own test points it at a broken one).
const BIN = process.env.SCALING_FUZZ_BIN ?? join(ROOT, "bin", "scaling.js");

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const options = { seed: 1, runs: 500, seconds: 300, timeout: 20, jobs: 2, big: true, json: false, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0) usage(`${arg} needs a non-negative number`);
      return v;
    };
    if (arg === "--seed") options.seed = value();
    else if (arg === "--runs") options.runs = value();
    else if (arg === "--seconds") options.seconds = value();
    else if (arg === "--timeout") options.timeout = value();
    else if (arg === "--jobs") options.jobs = Math.max(1, Math.floor(value()));
    else if (arg === "--only") options.only = value();
    else if (arg === "--no-big") options.big = false;
    else if (arg === "--json") options.json = true;
    else if (arg === "--keep") options.keep = true;
    else usage(`unknown argument ${arg}`);
  }
  return options;
}

function usage(message) {
  process.stderr.write(`fuzz: ${message}\nusage: node scripts/fuzz.mjs [--seed N] [--runs N] [--seconds S] [--timeout S] [--jobs N] [--no-big] [--json] [--keep] [--only CASE]\n`);
  process.exit(2);
}

// ---------------------------------------------------------------- seeded randomness
/** mulberry32: a small seeded generator, so a seed reproduces a run case for case. */
function generator(seed) {
  let a = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35) >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)], chance: (p) => next() < p };
}

// ---------------------------------------------------------------- seeds and mutations
function listFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else if (!/\.(md|mjs)$/.test(name)) out.push(path);
  }
  return out.sort();
}

/** A fit file as `scaling fit --out` writes it (DESIGN.md "fit --json"), for --law. */
function fitDocument(rng) {
  const wild = () => rng.pick([0, -1, 1e-300, 1e300, 1e-12, 0.5, 2, 1e6, 1e13, 1e30, -0.3, 5e-324]);
  const v = (normal) => (rng.chance(0.3) ? wild() : normal);
  return JSON.stringify({
    fits: [
      { law: "ns", params: { alphaN: v(0.077), alphaS: v(0.76), Nc: v(6.5e13), Sc: v(2.1e3) } },
      { law: "bcrit", params: { Bstar: v(2.1e8), alphaB: v(0.21) } },
      { law: "nd", params: { alphaN: v(0.076), alphaD: v(0.103), Nc: v(6.4e13), Dc: v(1.8e13) } },
      { law: "chinchilla", params: { E: v(1.69), A: v(406.4), B: v(410.7), alpha: v(0.34), beta: v(0.28) } },
    ].filter(() => rng.chance(0.8)),
  });
}

const HUGE = ["1e400", "-1e400", "9".repeat(400), "1e-400", "NaN", "Infinity", "-0", "0", "-1", "0x10", "1,000", "1e21pf-days", "1.3B", "", " ", "null", "true", "\u00a0", "٣"];
const DELIMITERS = [",", "\t", ";", "|", " ", "\u0000", ""];

/** One mutation of a file's bytes; returns [name, bytes]. */
function mutate(rng, bytes) {
  const text = bytes.toString("latin1");
  const kind = rng.pick(["truncate", "flip", "huge", "empty-field", "delimiter", "deep-json", "long-line", "invalid-utf8", "duplicate", "shuffle", "nul", "crlf", "empty"]);
  const at = () => rng.int(Math.max(1, bytes.length));
  switch (kind) {
    case "truncate":
      return [kind, bytes.subarray(0, at())];
    case "flip": {
      const copy = Buffer.from(bytes);
      for (let i = 1 + rng.int(8); i > 0 && copy.length > 0; i--) copy[rng.int(copy.length)] ^= 1 << rng.int(8);
      return [kind, copy];
    }
    case "huge": {
      // Replace numbers with huge, tiny, non-numeric or empty values.
      let count = 0;
      const out = text.replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/gi, (m) => (rng.chance(0.3) && count++ < 50 ? rng.pick(HUGE) : m));
      return [kind, Buffer.from(out, "latin1")];
    }
    case "empty-field":
      // A field starts after a delimiter, a quote or the start (the lookbehind): without it the
      // regex retried from every byte of a long run with no delimiter after it, quadratic in
      // the run (seed 2035 case 43, an 8 MB line: the harness hung). The same matches.
      return [kind, Buffer.from(text.replace(/(?<![^,\t\n"])[^,\t\n"]+(?=[,\t\n])/g, (m) => (rng.chance(0.2) ? "" : m)), "latin1")];
    case "delimiter": {
      const from = rng.pick([",", "\t", ":", "\n"]);
      const to = rng.pick(DELIMITERS);
      return [kind, Buffer.from(text.split(from).join(to), "latin1")];
    }
    case "deep-json": {
      const depth = rng.pick([100, 5000, 200_000]);
      const open = rng.chance(0.5) ? "[" : '{"a":';
      const close = open === "[" ? "]" : "}";
      const body = open.repeat(depth) + "1" + (rng.chance(0.5) ? close.repeat(depth) : "");
      return [kind, Buffer.from(rng.chance(0.5) ? body : `${text.slice(0, at())}${body}`, "latin1")];
    }
    case "long-line": {
      const unit = rng.pick(["9", "a", ",", "1,", '"', " ", "é"]);
      const line = unit.repeat(rng.pick([10_000, 1_000_000, 4_000_000]));
      const pos = text.indexOf("\n") + 1;
      return [kind, Buffer.concat([bytes.subarray(0, pos), Buffer.from(line + "\n"), bytes.subarray(pos)])];
    }
    case "invalid-utf8": {
      const junk = Buffer.from(rng.pick([[0xff, 0xfe], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xef, 0xbb, 0xbf]]));
      const pos = at();
      return [kind, Buffer.concat([bytes.subarray(0, pos), junk, bytes.subarray(pos)])];
    }
    case "duplicate": {
      const lines = text.split("\n");
      const line = lines[rng.int(lines.length)];
      // Not 200 copies of a 4 MB line (the harness itself ran out of string length once).
      const copies = line.length > 100_000 ? 3 : 200;
      return [kind, Buffer.from(lines.concat(Array(copies).fill(line)).join("\n"), "latin1")];
    }
    case "shuffle": {
      const lines = text.split("\n");
      for (let i = lines.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [lines[i], lines[j]] = [lines[j], lines[i]];
      }
      return [kind, Buffer.from(lines.join("\n"), "latin1")];
    }
    case "nul":
      return [kind, Buffer.concat([bytes.subarray(0, at()), Buffer.alloc(1 + rng.int(16)), bytes.subarray(at())])];
    case "crlf":
      return [kind, Buffer.from(text.replace(/\n/g, rng.pick(["\r\n", "\r", "\n\n"])), "latin1")];
    default:
      return [kind, Buffer.alloc(0)];
  }
}

/** The 100 MB line: a header, then one line of 100 MB, streamed to disk (never in memory twice). */
async function writeBigLine(path) {
  const stream = createWriteStream(path);
  stream.write("run,params,tokens,loss\n");
  const chunk = "1".repeat(1 << 20);
  for (let i = 0; i < 100; i++) {
    if (!stream.write(chunk)) await new Promise((resolve) => stream.once("drain", resolve));
  }
  stream.end("\n");
  await new Promise((resolve) => stream.once("finish", resolve));
}

// ---------------------------------------------------------------- flags
const VALUES = ["1e21", "1e12", "1e30", "3.5pf-days", "1.3B", "7e9", "2e11", "4e6", "0.5M", "250k", "2.3", "1.7", "0.02", "0.4", "64", "1", "0",
  "-1", "1e-300", "1e300", "1e999", "abc", "", "NaN", "Infinity", "1e21 FLOPs", "١", "--json", "9".repeat(400), "1\n2", "1.5.5", "0.999999999"];
const LAWS = ["kaplan", "chinchilla", "epoch", "KAPLAN", "nope", "./missing.json", "/", "."];
const COMMAND_FLAGS = {
  plan: ["--compute", "--target-loss", "--params", "--max-tokens", "--batch-factor", "--batch-tokens", "--overfit-tolerance", "--gpus", "--gpu", "--peak-flops", "--mfu", "@--json", "@--compare", "@--ascii", "--law", "--plot"],
  predict: ["--params", "--tokens", "--steps", "--batch-tokens", "--law", "@--json"],
  laws: ["@--json", "--law"],
  check: ["--params", "--tokens", "--batch-tokens", "--steps", "--flops", "--dataset-tokens", "--target-loss", "--overfit-tolerance", "--waste-warn", "--waste-fail",
    "--batch-range", "--size-ratio-warn", "--size-ratio-fail", "--consistency-tolerance", "--name", "--law", "--map", "@--strict", "--format", "@--json"],
  fit: ["--law", "@--json", "--out", "--plot", "--bootstrap", "@--holdout", "--min-step", "--seed", "--col", "--set", "--context", "--loss-unit", "@--skip-bad-rows", "--every", "--max-points"],
  inspect: ["@--json", "--col", "--set", "--context", "--loss-unit", "@--skip-bad-rows"],
};
const SPECIAL = {
  "--law": () => LAWS,
  "--gpu": () => ["h100", "a100", "v100", "tpu", ""],
  "--format": () => ["table", "json", "github", "xml"],
  "--map": () => ["max_iters=steps", "x=params", "=", "a=b=c"],
  "--col": () => ["loss=val/loss", "loss=", "params=step", "nonsense"],
  "--set": () => ["params=1.2e8", "batch_tokens=0.5M", "loss=NaN", "params=-1", "x=1", "params"],
  "--loss-unit": () => ["nats", "bits", "bytes"],
};

/** The commands the built CLI actually has (inspect and fit landed later than plan). */
async function availableCommands() {
  const help = await runCase(["--help"], { cwd: ROOT, timeoutMs: 20_000 });
  return Object.keys(COMMAND_FLAGS).filter((name) => new RegExp(`^\\s+${name}\\b`, "m").test(help.stdout));
}

// ---------------------------------------------------------------- running one case
function runCase(args, { cwd, stdinPath, timeoutMs }) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" }, stdio: ["pipe", "pipe", "pipe"] });
    const limit = 1 << 20;
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => void (stdout.length < limit && (stdout += d)));
    child.stderr.on("data", (d) => void (stderr.length < limit && (stderr += d)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdin.on("error", () => {}); // the CLI may exit before reading all of stdin
    if (stdinPath) {
      const data = readFileSync(stdinPath);
      child.stdin.end(data);
    } else child.stdin.end();
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut, ms: Date.now() - started });
    });
  });
}

const STACK = /\bat .*\.js:\d+|^\s+at [\w.<>]+ \(/m;

/** Every rule a case must keep; returns the broken ones. */
function judge(result, outputs, folders) {
  const problems = [];
  if (result.timedOut && result.code === null) problems.push("hang: killed after the time bound");
  else if (result.signal) problems.push(`killed by ${result.signal}`);
  else if (![0, 1, 2].includes(result.code)) problems.push(`exit code ${result.code}`);
  if (STACK.test(result.stdout) || STACK.test(result.stderr)) problems.push("stack trace in the output");
  if (/internal error/i.test(result.stderr)) problems.push("internal error (an unexpected exception)");
  if (result.code === 2 && result.stderr.trim() === "" && !result.timedOut) problems.push("exit 2 with nothing on stderr");
  for (const folder of folders) {
    for (const name of readdirSync(folder)) {
      if (/^\..*\.tmp$/.test(name)) problems.push(`stray temporary file ${name}`);
    }
  }
  for (const output of outputs) {
    if (!existsSync(output.path)) continue;
    if (output.original !== undefined) {
      if (!readFileSync(output.path).equals(output.original)) problems.push(`input ${basename(output.path)} was overwritten`);
      continue;
    }
    const content = readFileSync(output.path, "utf8");
    if (output.sentinel !== undefined && result.code !== 0) {
      if (content !== output.sentinel) problems.push(`failed run changed the existing ${basename(output.path)}`);
      continue;
    }
    if (output.sentinel !== undefined && content === output.sentinel) continue; // never written
    if (output.path.endsWith(".json")) {
      try {
        JSON.parse(content);
      } catch {
        problems.push(`half-written ${basename(output.path)} (not valid JSON)`);
      }
    } else if (output.path.endsWith(".svg") && !/<\/svg>\s*$/.test(content)) {
      problems.push(`half-written ${basename(output.path)} (no closing </svg>)`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------- building a case
function buildCase(rng, index, commands, seeds, work, bigPath) {
  const dir = join(work, `case-${index}`);
  const outDir = join(dir, "out");
  mkdirSync(outDir, { recursive: true });
  const command = rng.pick(commands);
  const args = [command];
  const inputs = [];
  let stdinPath;
  let label = "flags";

  // An input file: a mutated fixture (or the 100 MB line, now and then).
  const takesFiles = command === "fit" || command === "inspect" || command === "check";
  const lawFile = !takesFiles && command !== "laws" ? rng.chance(0.3) : command === "check" && rng.chance(0.15);
  if (takesFiles || lawFile) {
    let bytes;
    if (lawFile) {
      bytes = Buffer.from(fitDocument(rng));
      label = "fit.json";
    } else {
      const pool = command === "check" ? seeds.filter((s) => s.includes("proposals")).concat(seeds.slice(0, 1)) : seeds.filter((s) => !s.includes("proposals"));
      const seed = rng.pick(pool.length > 0 ? pool : seeds);
      bytes = readFileSync(seed);
      label = relative(ROOT, seed);
    }
    const rounds = rng.chance(0.15) ? 0 : 1 + rng.int(3);
    for (let r = 0; r < rounds && bytes.length < 32 << 20; r++) {
      const [kind, mutated] = mutate(rng, bytes);
      bytes = mutated;
      label += `+${kind}`;
    }
    const extension = lawFile ? ".json" : (label.match(/\.(csv|tsv|jsonl|json|yaml|yml|py)/)?.[0] ?? ".csv");
    let path = join(dir, `input${extension}`);
    const wantsBig = rng.chance(0.04); // drawn always, so --no-big keeps the other cases the same
    if (bigPath && !lawFile && wantsBig) {
      path = bigPath;
      label = "100MB-line.csv";
    } else writeFileSync(path, bytes);
    if (lawFile) args.push("--law", path);
    else if (rng.chance(0.15)) {
      args.push("-");
      stdinPath = path;
    } else args.push(path);
    inputs.push(path);
  }

  // Random flags with random values; outputs go to the case's own folder.
  const outputs = [];
  const flags = COMMAND_FLAGS[command];
  for (let i = rng.int(5); i > 0; i--) {
    const flag = rng.pick(flags);
    if (flag.startsWith("@")) {
      args.push(flag.slice(1));
      continue;
    }
    if (flag === "--out" || flag === "--plot") {
      const name = flag === "--out" ? "fit.json" : "plot.svg";
      const r = rng.next();
      const target =
        r < 0.1 && inputs.length > 0 ? inputs[0] // an input: must be refused
        : r < 0.2 ? join(dir, "missing-dir", name) // ENOENT
        : r < 0.25 && inputs.length > 0 ? join(inputs[0], name) // a parent that is a file: ENOTDIR
        : r < 0.3 ? outDir // a folder: EISDIR
        : join(outDir, name);
      const output = { path: target };
      // Aimed at an input: the run must refuse, leaving the input byte for byte.
      if (inputs.includes(target)) output.original = readFileSync(target);
      if (target.startsWith(outDir) && target !== outDir && rng.chance(0.3)) {
        output.sentinel = "previous content\n";
        writeFileSync(target, output.sentinel);
      }
      // The same path twice: one entry, keeping what the file held before the run.
      const earlier = outputs.find((o) => o.path === target);
      if (earlier) {
        earlier.sentinel ??= output.sentinel;
        earlier.original ??= output.original;
      } else if (target !== outDir) outputs.push(output);
      args.push(flag, target);
      continue;
    }
    const special = SPECIAL[flag];
    args.push(flag, rng.pick(special ? special() : VALUES));
  }
  // Sensible starting points, so the flags reach the code behind the first check.
  if (command === "plan" && !args.some((a) => ["--compute", "--target-loss", "--params"].includes(a)) && rng.chance(0.8)) args.push("--compute", rng.pick(VALUES));
  if (command === "predict" && !args.includes("--params") && rng.chance(0.8)) args.push("--params", rng.pick(VALUES), "--tokens", rng.pick(VALUES));
  if (command === "plan" && args.includes("--plot") === false && rng.chance(0.15)) {
    const target = join(outDir, "plan-extra.svg");
    outputs.push({ path: target });
    args.push("--plot", target);
  }
  if (command === "fit" && rng.chance(0.3)) args.push("--bootstrap", "0"); // keeps most cases fast
  return { index, dir, outDir, args, outputs, stdinPath, label, big: inputs.includes(bigPath) };
}

// ---------------------------------------------------------------- main
async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) usage("dist/ is missing: run `npm run build` first (npm run fuzz does)");
  const work = mkdtempSync(join(tmpdir(), "scaling-fuzz-"));
  const seeds = listFiles(join(ROOT, "fixtures"));
  const commands = await availableCommands();
  let bigPath;
  if (options.big) {
    bigPath = join(work, "100MB-line.csv");
    await writeBigLine(bigPath);
  }
  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  const failures = [];
  const byKind = {};
  let tried = 0;
  let next = 0;

  async function worker() {
    while (next < options.runs && Date.now() < deadline) {
      // Each case has its own generator, so a seed reproduces it whatever the job order.
      const index = options.only ?? next;
      next = options.only !== undefined ? options.runs : next + 1;
      const built = buildCase(generator(options.seed * 1_000_003 + index), index, commands, seeds, work, bigPath);
      // The 100 MB line takes the readers ~20 s unloaded, ~50 s on a busy machine (test/FUZZ.md).
      const timeoutMs = (built.big ? 6 : 1) * options.timeout * 1000;
      const result = await runCase(built.args, { cwd: built.dir, stdinPath: built.stdinPath, timeoutMs });
      tried++;
      byKind[built.args[0]] = (byKind[built.args[0]] ?? 0) + 1;
      const problems = judge(result, built.outputs, [built.dir, built.outDir]);
      if (problems.length > 0) {
        failures.push({ case: built.index, ms: result.ms, args: built.args.map((a) => (a.length > 80 ? `${a.slice(0, 40)}...(${a.length} chars)` : a)), input: built.label, dir: built.dir, problems, code: result.code, stderr: result.stderr.slice(0, 600) });
      } else if (!options.keep) rmSync(built.dir, { recursive: true, force: true });
    }
  }
  await Promise.all(Array.from({ length: options.jobs }, worker));
  const seconds = (Date.now() - started) / 1000;
  if (bigPath && !options.keep) rmSync(bigPath, { force: true });
  if (failures.length === 0 && !options.keep) rmSync(work, { recursive: true, force: true });

  const summary = { seed: options.seed, tried, seconds: Math.round(seconds * 10) / 10, commands: byKind, failures, work: failures.length > 0 || options.keep ? work : null };
  if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    process.stdout.write(`fuzz: seed ${options.seed}, ${tried} cases in ${summary.seconds} s (${Object.entries(byKind).map(([k, v]) => `${k} ${v}`).join(", ")}), ${failures.length} failed\n`);
    for (const f of failures) {
      process.stdout.write(`\ncase ${f.case}: ${f.problems.join("; ")}\n  scaling ${f.args.join(" ")}\n  input: ${f.input} (kept in ${f.dir})\n  exit ${f.code}: ${f.stderr.trim().split("\n").slice(0, 4).join("\n    ")}\n`);
    }
  }
  process.exitCode = failures.length > 0 ? 1 : 0;
}

await main();
