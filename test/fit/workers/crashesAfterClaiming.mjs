// A grid-screen worker (src/fit/gridScreen.ts) that claims three starts from the shared counter,
// as the real one does, and dies before finishing any of them: test/fit/gridScreen.test.ts.
import { workerData } from "node:worker_threads";

const { slots } = workerData;
for (let k = 0; k < 3; k++) Atomics.add(slots.next, 0, 1);
throw new Error("this worker crashed");
