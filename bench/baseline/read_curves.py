#!/usr/bin/env python3
"""Baseline: read a learning-curve log the way a notebook would, without pandas (not installed
on these machines): into one (step, tokens, loss) numpy array triple per run, with each run's
final and best loss. The bench times this whole process beside `scaling inspect FILE`.

  python3 read_curves.py FILE (--method csv|loadtxt|json)

csv:     csv.DictReader, grouped by the run column (the pipeline a user writes first).
loadtxt: numpy.loadtxt on the numeric columns (C parser), grouped by (params, batch_tokens)
         rows in file order: the fastest stdlib+numpy CSV path.
json:    json.loads per line of a JSONL file, grouped by run.
Prints {"rows", "runs", "seconds"} as JSON.
"""
import argparse
import csv
import json
import sys
import time

import numpy as np


def group(keys, steps, tokens, loss):
    runs = {}
    for key, s, t, l in zip(keys, steps, tokens, loss):
        entry = runs.get(key)
        if entry is None:
            entry = runs[key] = ([], [], [])
        entry[0].append(s)
        entry[1].append(t)
        entry[2].append(l)
    return runs


def finish(runs):
    out = {}
    for key, (s, t, l) in runs.items():
        s = np.asarray(s, dtype=float)
        order = np.argsort(s, kind="stable")
        loss = np.asarray(l, dtype=float)[order]
        out[key] = {"steps": s[order], "tokens": np.asarray(t, dtype=float)[order], "loss": loss, "final": loss[-1], "best": loss.min()}
    return out


def read_csv_module(path):
    keys, steps, tokens, loss = [], [], [], []
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            keys.append((row["run"], float(row["params"]), float(row["batch_tokens"])))
            steps.append(float(row["step"]))
            tokens.append(float(row["tokens"]))
            loss.append(float(row["loss"]))
    return finish(group(keys, steps, tokens, loss)), len(loss)


def read_loadtxt(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1, usecols=(1, 2, 3, 4, 5))
    params, batch, steps, tokens, loss = data.T
    # A new run starts where (params, batch) changes or the step goes back.
    starts = np.flatnonzero(np.r_[True, (params[1:] != params[:-1]) | (batch[1:] != batch[:-1]) | (steps[1:] < steps[:-1])])
    ends = np.r_[starts[1:], len(loss)]
    runs = {}
    for k, (a, b) in enumerate(zip(starts, ends)):
        l = loss[a:b]
        # Keyed like the other readers' (name, params, batch_tokens), with the run's position as its name.
        runs[(k, params[a], batch[a])] = {"steps": steps[a:b], "tokens": tokens[a:b], "loss": l, "final": l[-1], "best": l.min()}
    return runs, len(loss)


def read_jsonl(path):
    keys, steps, tokens, loss = [], [], [], []
    with open(path) as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            keys.append((row["run"], float(row["params"]), float(row["batch_tokens"])))
            steps.append(float(row["step"]))
            tokens.append(float(row["tokens"]))
            loss.append(float(row["loss"]))
    return finish(group(keys, steps, tokens, loss)), len(loss)


READERS = {"csv": read_csv_module, "loadtxt": read_loadtxt, "json": read_jsonl}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--method", choices=sorted(READERS), required=True)
    args = parser.parse_args()
    t0 = time.perf_counter()
    runs, rows = READERS[args.method](args.file)
    json.dump({"rows": rows, "runs": len(runs), "seconds": time.perf_counter() - t0}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
