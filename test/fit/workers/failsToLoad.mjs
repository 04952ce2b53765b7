// A grid-screen worker (src/fit/gridScreen.ts) that does not load: test/fit/gridScreen.test.ts.
throw new Error("this worker does not load");
