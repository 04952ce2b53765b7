/**
 * The first pass of the Approach-3 grid fit (chinchillaFit.ts): L-BFGS from every start to the
 * screen tolerance, on this thread alone or shared with worker threads (issue 7).
 *
 * Each start's result depends on nothing but the start (the solver's workspace is reset per
 * start, and the arithmetic is the same on every thread), and lands in its own slot of the
 * result arrays, so the screen gives the same bits whatever the number of threads; callers
 * reduce the slots in start order. Threads take the next unclaimed start from a shared counter,
 * which balances starts that cost 6 evaluations against ones that cost 450. This thread works
 * from the start: workers join as soon as they have loaded, and a worker that fails or never
 * loads costs at most a recomputation here (see screenStarts).
 *
 * When the native addon is built and its vector code runs on this machine (native/grid.c), the
 * screen runs there instead, on native threads: the same L-BFGS and objective, about 3x faster
 * a start, and no worker to start. Its ends can differ from this file's in the last bits (its
 * e^x and ln x are its own), so a start on a knife edge can end elsewhere; the fit polishes the
 * best starts in JavaScript either way, and reaches the same optimum (test/fit/nativeScreen.test.ts).
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { NativeReader } from "../io/native.js";
import { huberLseObjective } from "./huberLse.js";
import type { LbfgsOptions } from "./lbfgs.js";
import { LBFGS_DEFAULTS, Lbfgs } from "./lbfgs.js";

/** θ = [a, b, e, alpha, beta]. */
const P = 5;

/** What every thread needs: the data, the starts and the tolerances. Structured-cloneable. */
export interface ScreenTask {
  lnN: Float64Array;
  lnD: Float64Array;
  lnL: Float64Array;
  huberDelta: number;
  /** The starts, P numbers each, one after another. */
  starts: Float64Array;
  screen: LbfgsOptions;
}

/** Where each start's result lands, at its index; shared memory when workers take part. */
export interface ScreenSlots {
  /** [0]: the next start to claim. */
  next: Int32Array;
  /** Per start: PENDING, or who finished it (HERE, WORKER), or FAILED in a worker. */
  state: Int32Array;
  /** Σ Huber where the start converged to a finite value, else Infinity. */
  objectives: Float64Array;
  /** The end point, P numbers a start. */
  ends: Float64Array;
  iterations: Int32Array;
}

export interface ScreenResult {
  objectives: Float64Array;
  ends: Float64Array;
  iterations: Int32Array;
  /** Threads the screen was spread over (1: this one alone). */
  threads: number;
  /** Starts a worker thread finished (0 on one thread, and in native code). */
  byWorkers: number;
  /** Starts a worker claimed and did not finish (it failed on them, crashed or hung), computed here instead. */
  recomputed: number;
  /** Where the screen ran: native/grid.c, or lbfgs.ts and huberLse.ts. */
  engine: "native" | "javascript";
}

const PENDING = 0;
const HERE = 1;
const WORKER = 2;
const FAILED = 3;

/** At most this many threads: each worker is a V8 isolate of about 20 MB (peak RSS 77 → 100 MB with one). */
const MAX_THREADS = 8;

/**
 * How long, once its own share is done, this thread waits in all for the starts workers claimed
 * before computing the rest itself (a start takes a few ms; a worker that crashed never ends its).
 */
const WAIT_MS = 2000;

/**
 * The compiled worker beside this module: gridScreenWorker.js beside tsc's output, .cjs in the
 * executable's bundle (rolldown.config.mjs); null when running from the TypeScript sources (tests).
 */
const WORKER_URL = /\.c?js$/.test(import.meta.url) ? new URL(`./gridScreenWorker.${import.meta.url.endsWith(".cjs") ? "cjs" : "js"}`, import.meta.url) : null;

/** Threads to use when the caller does not say: the cores Node may use, at most MAX_THREADS. */
export function defaultScreenThreads(): number {
  return Math.min(availableParallelism(), MAX_THREADS);
}

/** Whether worker threads are available to this build (false from the TypeScript sources). */
export function workersAvailable(): boolean {
  return WORKER_URL !== null;
}

function allocateSlots(count: number, shared: boolean): ScreenSlots {
  const buffer = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  return {
    next: new Int32Array(buffer(4)),
    state: new Int32Array(buffer(4 * count)),
    objectives: new Float64Array(buffer(8 * count)),
    ends: new Float64Array(buffer(8 * P * count)),
    iterations: new Int32Array(buffer(4 * count)),
  };
}

/** L-BFGS from one start into its slot (not its state). */
function screenOne(task: ScreenTask, solver: Lbfgs, objective: ReturnType<typeof huberLseObjective>, slots: ScreenSlots, index: number): void {
  const result = solver.minimize(objective, task.starts.subarray(index * P, index * P + P), task.screen);
  slots.objectives[index] = result.converged && Number.isFinite(result.objective) ? result.objective : Infinity;
  slots.ends.set(result.theta, index * P);
  slots.iterations[index] = result.iterations;
}

/**
 * Claims starts from the shared counter until none is left, marking each `finished` (HERE or
 * WORKER) when done. In a worker, an exception marks the start FAILED and stops the worker: the
 * calling thread then computes that start itself (and throws, if the exception was real).
 */
export function claimAndScreen(task: ScreenTask, slots: ScreenSlots, finished: number): void {
  const count = slots.state.length;
  const solver = new Lbfgs(P);
  const objective = huberLseObjective(task.lnN, task.lnD, task.lnL, task.huberDelta);
  for (let index = Atomics.add(slots.next, 0, 1); index < count; index = Atomics.add(slots.next, 0, 1)) {
    if (finished === WORKER) {
      try {
        screenOne(task, solver, objective, slots, index);
      } catch {
        Atomics.store(slots.state, index, FAILED);
        Atomics.notify(slots.state, index);
        return;
      }
    } else {
      screenOne(task, solver, objective, slots, index);
    }
    Atomics.store(slots.state, index, finished);
    if (finished === WORKER) Atomics.notify(slots.state, index);
  }
}

/** The worker side: workerData is { task, slots }. */
export function screenInWorker(data: { task: ScreenTask; slots: ScreenSlots }): void {
  claimAndScreen(data.task, data.slots, WORKER);
}

function startWorkers(count: number, task: ScreenTask, slots: ScreenSlots, url: URL): Worker[] {
  const workers: Worker[] = [];
  for (let k = 0; k < count; k++) {
    try {
      const worker = new Worker(url, { workerData: { task, slots } });
      // A worker that fails to load only means fewer hands: its starts are computed here.
      worker.on("error", () => {});
      worker.unref();
      workers.push(worker);
    } catch {
      break;
    }
  }
  return workers;
}

/** The screen in native code (native/grid.c) on `threads` native threads. */
function screenNatively(task: ScreenTask, threads: number, screenGrid: NonNullable<NativeReader["screenGrid"]>): ScreenResult {
  const count = task.starts.length / P;
  const objectives = new Float64Array(count);
  const ends = new Float64Array(P * count);
  const iterations = new Int32Array(count);
  const { screen } = task;
  const used = screenGrid(
    task.lnN,
    task.lnD,
    task.lnL,
    task.huberDelta,
    task.starts,
    screen.gtol ?? LBFGS_DEFAULTS.gtol,
    screen.ftol ?? LBFGS_DEFAULTS.ftol,
    Math.min(screen.maxIterations ?? LBFGS_DEFAULTS.maxIterations, 0x7fffffff),
    Math.max(1, Math.floor(threads)),
    objectives,
    ends,
    iterations,
  );
  return { objectives, ends, iterations, threads: used, byWorkers: 0, recomputed: 0, engine: "native" };
}

/**
 * The screen over all starts of `task` on `threads` threads: in native code when `native` has
 * the screen (native/grid.c) and it runs, else on this thread and threads − 1 workers (one thread
 * when workers are unavailable). Synchronous: this thread takes its share, then waits on the shared
 * state for the starts workers claimed: a start a worker failed on, or still has after WAIT_MS
 * (it crashed, or hangs), is computed here, and a worker that does not load only does no share.
 * @param workerUrl - the workers' module (tests give ones that fail); null: no workers
 */
export function screenStarts(task: ScreenTask, threads: number, native: NativeReader | null = null, workerUrl: URL | null = WORKER_URL): ScreenResult {
  if (native?.screenGrid !== undefined) {
    try {
      return screenNatively(task, threads, native.screenGrid);
    } catch {
      // Out of memory, or a logarithm that is not finite: the JavaScript screen says what it
      // makes of that, as it would without the addon.
    }
  }
  const count = task.starts.length / P;
  const wanted = Math.min(Math.floor(threads), count);
  const useWorkers = wanted > 1 && workerUrl !== null;
  const slots = allocateSlots(count, useWorkers);
  const workers = useWorkers ? startWorkers(wanted - 1, task, slots, workerUrl) : [];
  claimAndScreen(task, slots, HERE);
  let byWorkers = 0;
  let recomputed = 0;
  if (workers.length > 0) {
    let solver: Lbfgs | null = null;
    let objective: ReturnType<typeof huberLseObjective> | null = null;
    const deadline = performance.now() + WAIT_MS;
    for (let index = 0; index < count; index++) {
      if (Atomics.load(slots.state, index) === PENDING) Atomics.wait(slots.state, index, PENDING, Math.max(0, deadline - performance.now()));
      const state = Atomics.load(slots.state, index);
      if (state === WORKER) {
        byWorkers++;
      } else if (state !== HERE) {
        // Failed in a worker, or still running after WAIT_MS: the same computation here.
        recomputed++;
        solver ??= new Lbfgs(P);
        objective ??= huberLseObjective(task.lnN, task.lnD, task.lnL, task.huberDelta);
        screenOne(task, solver, objective, slots, index);
      }
    }
    for (const worker of workers) void worker.terminate();
  }
  // Copies out of shared memory: a worker still finishing a start it was overtaken on cannot
  // write into the caller's results.
  return {
    objectives: useWorkers ? slots.objectives.slice() : slots.objectives,
    ends: useWorkers ? slots.ends.slice() : slots.ends,
    iterations: useWorkers ? slots.iterations.slice() : slots.iterations,
    threads: 1 + workers.length,
    byWorkers,
    recomputed,
    engine: "javascript",
  };
}
