/**
 * Worker thread of the grid screen (gridScreen.ts): claims starts from the shared counter and
 * screens them until none is left. Loaded from dist/ only; it prints nothing.
 */
import { workerData } from "node:worker_threads";
import type { ScreenSlots, ScreenTask } from "./gridScreen.js";
import { screenInWorker } from "./gridScreen.js";

screenInWorker(workerData as { task: ScreenTask; slots: ScreenSlots });
