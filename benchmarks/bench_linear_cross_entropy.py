"""Speed and memory of ``xentdocs.linear_cross_entropy_and_grad`` against PyTorch's two paths.

What is measured
----------------
For float32 ``input`` (N, D), ``linear_weight`` (V, D), class-index targets and
``reduction="mean"``, the loss and the gradients of ``input`` and ``linear_weight``:

* ``xentdocs``: ``linear_cross_entropy_and_grad`` with ``chunk_size=None`` (its default), NumPy's
  BLAS limited to 1 thread with threadpoolctl;
* ``torch chunked``: ``F.linear_cross_entropy(..., options=torch.nn.LinearCrossEntropyOptions())``
  then ``torch.autograd.grad`` for both gradients, ``torch.set_num_threads(1)``;
* ``torch reference``: the same with ``options=None`` (it makes the full (N, V) logits).

Method
------
* Time: each contender is called once to warm up, then ``--reps`` times, interleaved round-robin;
  the table shows the median. Every contender is single-threaded.
* Memory: the peak extra memory of one call beyond its inputs and the gradients it returns, as
  a multiple of the (N, V) float32 logits' size (which none of them returns). Each contender runs
  in a fresh subprocess: the resident-set high-water mark (``VmHWM`` after resetting it through
  ``/proc/self/clear_refs``) minus the resident set before the call, with glibc told to ``mmap``
  every buffer of 64 KiB or more so freed memory is returned rather than recycled unseen; the
  returned gradients' bytes are subtracted. xentdocs is also measured with ``tracemalloc``.
* Goals (issue 18): xentdocs' extra memory at most 0.05x the logits and at most torch chunked's;
  time at most 1.0x torch chunked and at most 1.2x torch reference.

Usage::

    .venv/bin/python benchmarks/bench_linear_cross_entropy.py              # both goal shapes
    .venv/bin/python benchmarks/bench_linear_cross_entropy.py --shapes 1024x64x8000 --reps 3
"""

import argparse
import gc
import json
import os
import subprocess
import sys
import time
import tracemalloc
import warnings
from pathlib import Path
from statistics import median

import numpy as np
import torch
import torch.nn.functional as F
from threadpoolctl import threadpool_info, threadpool_limits

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import xentdocs  # noqa: E402

SHAPES = [(4096, 512, 32000), (1024, 256, 128256)]
TOOLS = ["xentdocs", "torch chunked", "torch reference"]


def make_inputs(shape, seed=0):
    n, d, v = shape
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, d), dtype=np.float32)
    w = (rng.standard_normal((v, d), dtype=np.float32) / np.float32(np.sqrt(d)))
    t = rng.integers(0, v, n)
    return x, w, t


def make_call(tool, x, w, t):
    if tool == "xentdocs":
        def call():
            with threadpool_limits(1):
                loss, gx, gw, _ = xentdocs.linear_cross_entropy_and_grad(x, w, t)
            return float(loss), gx, gw
        return call
    options = torch.nn.LinearCrossEntropyOptions() if tool == "torch chunked" else None
    tx, tw, tt = torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(t)

    def call():
        torch.set_num_threads(1)
        lx, lw = tx.detach().requires_grad_(), tw.detach().requires_grad_()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            loss = F.linear_cross_entropy(lx, lw, tt, options=options)
        gx, gw = torch.autograd.grad(loss, (lx, lw))
        return float(loss.detach()), gx.numpy(), gw.numpy()
    return call


def proc_status_bytes(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(field)


def rss_worker(tool, shape):
    """Subprocess: one warm-up call, then the RSS high-water mark of one call, as JSON."""
    x, w, t = make_inputs(shape)
    call = make_call(tool, x, w, t)
    result = call()
    del result
    gc.collect()
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # VmHWM := current RSS
    before = proc_status_bytes("VmRSS")
    loss, gx, gw = call()
    peak = proc_status_bytes("VmHWM")
    print(json.dumps({"extra": peak - before - gx.nbytes - gw.nbytes}))


def rss_extra(tool, shape):
    env = dict(os.environ, MALLOC_MMAP_THRESHOLD_="65536", MALLOC_TRIM_THRESHOLD_="0")
    cmd = [sys.executable, __file__, "--rss-worker", tool, "--shapes", "x".join(map(str, shape))]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=1800)
    if proc.returncode:
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])["extra"]


def tracemalloc_extra(call):
    call()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        loss, gx, gw = call()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak - before - gx.nbytes - gw.nbytes


def bench(shape, reps):
    n, d, v = shape
    logits_bytes = n * v * 4
    x, w, t = make_inputs(shape)
    calls = {tool: make_call(tool, x, w, t) for tool in TOOLS}
    load = os.getloadavg()[0]
    results = {tool: calls[tool]() for tool in TOOLS}  # warm-up, and the values compared below
    times = {tool: [] for tool in TOOLS}
    for rep in range(reps):
        order = TOOLS[rep % len(TOOLS):] + TOOLS[: rep % len(TOOLS)]
        for tool in order:
            gc.collect()
            gc.disable()
            start = time.perf_counter()
            calls[tool]()
            times[tool].append(time.perf_counter() - start)
            gc.enable()
    memory = {tool: rss_extra(tool, shape) for tool in TOOLS}
    traced = tracemalloc_extra(calls["xentdocs"])
    ref = results["torch reference"]
    print(f"\n(N, D, V) = {shape} float32; full logits would take {logits_bytes / 2**20:.0f} MiB; "
          f"load {load:.1f} -> {os.getloadavg()[0]:.1f}")
    print(f"{'':17}{'time s':>9}{'x chunked':>11}{'x reference':>13}{'extra MiB':>11}{'x logits':>10}")
    t_chunked, t_ref = median(times["torch chunked"]), median(times["torch reference"])
    for tool in TOOLS:
        tm = median(times[tool])
        mem = memory[tool]
        mem_text = f"{mem / 2**20:11.1f}{mem / logits_bytes:10.3f}" if mem is not None else f"{'failed':>11}{'':>10}"
        print(f"{tool:17}{tm:9.2f}{tm / t_chunked:11.2f}{tm / t_ref:13.2f}{mem_text}")
    print(f"xentdocs tracemalloc: {traced / 2**20:.1f} MiB = {traced / logits_bytes:.3f}x logits")
    loss, gx, gw = results["xentdocs"]
    print(f"check vs torch reference: |loss diff| {abs(loss - ref[0]):.2e}, max |grad_input diff| "
          f"{np.abs(gx - ref[1]).max():.2e}, max |grad_weight diff| {np.abs(gw - ref[2]).max():.2e}")
    goals = [
        ("memory <= 0.05x logits", memory["xentdocs"] is not None and memory["xentdocs"] <= 0.05 * logits_bytes),
        ("memory <= torch chunked", None not in (memory["xentdocs"], memory["torch chunked"])
         and memory["xentdocs"] <= memory["torch chunked"]),
        ("time <= 1.0x torch chunked", median(times["xentdocs"]) <= t_chunked),
        ("time <= 1.2x torch reference", median(times["xentdocs"]) <= 1.2 * t_ref),
    ]
    print("goals: " + "; ".join(f"{name}: {'met' if ok else 'MISSED'}" for name, ok in goals))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--shapes", type=lambda s: [tuple(int(v) for v in part.split("x")) for part in s.split(",")],
                   default=SHAPES, help="comma-separated NxDxV list")
    p.add_argument("--reps", type=int, default=3, help="timed calls per contender (default 3)")
    p.add_argument("--rss-worker", choices=TOOLS, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.rss_worker:
        rss_worker(args.rss_worker, args.shapes[0])
        return
    print(f"numpy {np.__version__}, torch {torch.__version__}; every contender single-threaded "
          "(threadpoolctl for NumPy's BLAS, torch.set_num_threads(1) for torch)")
    for pool in (p for p in threadpool_info() if p["user_api"] == "blas"):
        print(f"NumPy BLAS: {pool['internal_api']} {pool.get('version')} ({pool['prefix']}), "
              f"{pool['num_threads']} threads by default, 1 while timed; architecture {pool.get('architecture')}")
    print(f"torch: {torch.get_num_threads()} threads by default, 1 while timed; "
          f"BLAS: {torch.backends.mkl.is_available() and 'MKL' or 'not MKL'}")
    start = time.perf_counter()
    for shape in args.shapes:
        bench(shape, args.reps)
    print(f"\ntotal {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
