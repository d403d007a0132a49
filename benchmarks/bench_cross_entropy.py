"""Speed and memory of ``xentdocs.cross_entropy_loss`` against PyTorch, SciPy and NumPy.

What is measured
----------------
For float32 logits of each shape (N, C), with random integer targets and
``reduction="mean"``:

* forward (the scalar loss) of
  ``xentdocs.cross_entropy_loss``; ``torch.nn.functional.cross_entropy`` with
  1 thread and with torch's default thread count; SciPy's
  ``scipy.special.log_softmax`` followed by a ``take_along_axis`` gather; and a
  naive NumPy ``-log(softmax)`` (the textbook ``exp(x - max) / sum``, a full
  N x C probability array, then ``-log`` of the target entries);
* forward + gradient: ``cross_entropy_loss_and_grad`` (one pass), against
  torch's forward + backward through autograd (``torch.autograd.grad``, so no
  ``.grad`` accumulation is timed).

Goals (issue 18): f+g at most 0.5x torch 1 thread at 2048x32000 and
512x128256, at most 1.0x at 4096x1000; forward alone at most 2x at 64x10;
extra memory of f+g beyond the returned gradient (1.0x) at most 0.1x the logits.

Method
------
* Timing: every contender is first called once (warm-up) and timed once to pick
  how many calls make one sample (at least ``--min-sample`` seconds, so tiny
  shapes are not dominated by the clock) and how many samples fit in
  ``--budget`` seconds per shape (between ``--min-reps`` and ``--max-reps``;
  big shapes get few). The samples of all contenders are then interleaved
  round-robin in this one process, starting each round at a different
  contender, with the garbage collector off inside a sample. torch's thread
  count is set (outside the timed region) before each torch sample. The table
  shows the median per call.
* Memory: the peak extra memory while one call runs, as a multiple of
  ``logits.nbytes``. NumPy-based code (xentdocs, SciPy, naive NumPy) is
  measured with ``tracemalloc`` (NumPy reports its array allocations to it):
  traced peak minus the traced size before the call. torch's allocator is not
  traced, so torch is measured in a subprocess by the resident-set high-water
  mark: ``/proc/self/status`` VmHWM after the call minus VmRSS before it, with
  the mark reset through ``/proc/self/clear_refs`` and glibc told to ``mmap``
  every buffer of 64 KiB or more (``MALLOC_MMAP_THRESHOLD_``) so a freed buffer
  is returned to the kernel instead of being recycled unseen. The ``RSS fwd``
  column applies that same RSS method to every contender as a cross-check; it
  is skipped for inputs below 8 MiB, where page granularity makes it
  meaningless. The returned values are alive at the peak, so the fwd+grad
  figures include the gradient itself (1.0x is the floor there).

How to read the table
---------------------
``fwd ms`` is the median forward time; ``x t1`` divides it by torch
single-thread's forward median. ``f+g ms`` is the median of forward + gradient
and its ``x t1`` divides by torch single-thread's forward + backward median.
Below 1.0 is faster than torch on one thread. ``mem fwd`` / ``mem f+g`` are
peak extra memory / logits size (T = tracemalloc, R = RSS subprocess).
The ``check`` line compares each contender's loss (and xentdocs' gradient) with
torch's; it is information, not an assertion. Timings on a shared 2-core
machine are noisy: compare ratios within one run, not across runs, and check
the ``load`` figures in each shape's header (the 1-minute load average before
and after). Above about 1, other processes share the cores: every contender
slows down, multi-threaded torch most. The whole run takes about 3 minutes on
an idle machine (``--budget`` seconds of timing per shape plus the memory runs).

Usage::

    .venv/bin/python benchmarks/bench_cross_entropy.py            # all four shapes
    .venv/bin/python benchmarks/bench_cross_entropy.py --quick    # small shapes only
    .venv/bin/python benchmarks/bench_cross_entropy.py --shapes 2048x32000,64x10
"""

import argparse
import gc
import json
import math
import os
import platform
import subprocess
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Callable

import numpy as np
import scipy
import scipy.special
import torch
import torch.nn.functional as F

# Benchmark the working tree, not whatever copy happens to be installed.
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import xentdocs  # noqa: E402

if not hasattr(xentdocs, "cross_entropy_loss_grad"):
    sys.exit(f"xentdocs at {ROOT / 'xentdocs'} has no cross_entropy_loss_grad yet")

ALL_SHAPES = [(64, 10), (4096, 1000), (2048, 32000), (512, 128256)]
QUICK_SHAPES = [(64, 10), (4096, 1000)]
ENV_VARS = ["OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS",
            "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"]
RSS_MIN_BYTES = 8 * 2**20
DEFAULT_THREADS = torch.get_num_threads()

# Row labels of the table, in order; each has a forward and maybe a fwd+grad contender.
TOOLS = ["xentdocs", "torch 1 thread", f"torch {DEFAULT_THREADS} threads (default)",
         "scipy log_softmax+gather", "numpy naive -log(softmax)"]
T1 = TOOLS[1]


@dataclass
class Contender:
    tool: str               # row of the table
    kind: str               # "fwd" or "f+g"
    fn: Callable[[], object]
    threads: int | None = None   # torch thread count to set before a sample
    number: int = 1              # calls per timed sample

    @property
    def key(self):
        return (self.tool, self.kind)


# --------------------------------------------------------------------------- inputs

def make_inputs(shape, seed=0):
    """float32 standard-normal logits and int64 targets in [0, C)."""
    rng = np.random.default_rng(seed)
    n, c = shape
    logits = rng.standard_normal(shape, dtype=np.float32)
    target = rng.integers(0, c, size=n, dtype=np.int64)
    return logits, target


# ---------------------------------------------------------------------- contenders

def scipy_forward(x, t):
    logp = scipy.special.log_softmax(x, axis=1)
    return -np.take_along_axis(logp, t[:, None], axis=1).mean()


def naive_forward(x, t):
    e = np.exp(x - x.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return -np.log(np.take_along_axis(p, t[:, None], axis=1)).mean()


def xentdocs_fwd_grad(x, t):
    return xentdocs.cross_entropy_loss_and_grad(x, t)


def torch_fwd_bwd(tx, tt):
    leaf = tx.detach().requires_grad_()
    loss = F.cross_entropy(leaf, tt)
    (grad,) = torch.autograd.grad(loss, leaf)
    return loss, grad


def make_contenders(x, t):
    """All contenders on one input; torch shares the NumPy buffers (no copy)."""
    tx, tt = torch.from_numpy(x), torch.from_numpy(t)
    tdef = TOOLS[2]
    return [
        Contender("xentdocs", "fwd", lambda: xentdocs.cross_entropy_loss(x, t)),
        Contender("xentdocs", "f+g", lambda: xentdocs_fwd_grad(x, t)),
        Contender(T1, "fwd", lambda: F.cross_entropy(tx, tt), threads=1),
        Contender(T1, "f+g", lambda: torch_fwd_bwd(tx, tt), threads=1),
        Contender(tdef, "fwd", lambda: F.cross_entropy(tx, tt), threads=DEFAULT_THREADS),
        Contender(tdef, "f+g", lambda: torch_fwd_bwd(tx, tt), threads=DEFAULT_THREADS),
        Contender(TOOLS[3], "fwd", lambda: scipy_forward(x, t)),
        Contender(TOOLS[4], "fwd", lambda: naive_forward(x, t)),
    ]


def set_threads(contender):
    if contender.threads is not None and torch.get_num_threads() != contender.threads:
        torch.set_num_threads(contender.threads)


# -------------------------------------------------------------------------- timing

def time_sample(contender):
    """Seconds per call, averaged over ``contender.number`` calls."""
    set_threads(contender)
    fn, number = contender.fn, contender.number
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(number):
            fn()
        elapsed = time.perf_counter() - start
    finally:
        if gc_was_on:
            gc.enable()
    return elapsed / number


def calibrate(contenders, args):
    """Pick calls per sample for each contender and samples per contender."""
    round_seconds = 0.0
    for c in contenders:
        set_threads(c)
        c.fn()                                   # warm-up: lazy init, page faults
        once = max(time_sample(c), 1e-7)
        c.number = max(1, math.ceil(args.min_sample / once))
        round_seconds += c.number * once
    reps = int(args.budget / round_seconds)
    return max(args.min_reps, min(args.max_reps, reps))


def time_round_robin(contenders, reps):
    """Median seconds per call of each contender, samples interleaved."""
    samples = {c.key: [] for c in contenders}
    for r in range(reps):
        shift = r % len(contenders)
        for c in contenders[shift:] + contenders[:shift]:
            samples[c.key].append(time_sample(c))
    torch.set_num_threads(DEFAULT_THREADS)
    return {key: median(values) for key, values in samples.items()}


# -------------------------------------------------------------------------- memory

def tracemalloc_extra(fn):
    """Peak traced bytes during ``fn()`` minus the traced bytes before it."""
    fn()                                        # warm-up outside the trace
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = fn()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    del result
    return peak - before


def proc_status_bytes(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"{field} not in /proc/self/status")


def rss_extra(contender):
    """Resident-set high-water mark during one call minus the RSS before it."""
    set_threads(contender)
    contender.fn()                               # warm-up: lazy init, thread pools
    gc.collect()
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")                             # reset VmHWM to the current RSS
    before = proc_status_bytes("VmRSS")
    result = contender.fn()
    peak = proc_status_bytes("VmHWM")
    del result
    return peak - before


def rss_worker(shape):
    """Subprocess entry: print JSON {tool|kind: extra bytes} for every contender."""
    x, t = make_inputs(shape)
    out = {f"{c.tool}|{c.kind}": rss_extra(c) for c in make_contenders(x, t)}
    print(json.dumps(out))


def rss_in_subprocess(shape):
    """Run ``rss_worker`` in a fresh interpreter; {(tool, kind): bytes} or {}."""
    env = dict(os.environ, MALLOC_MMAP_THRESHOLD_="65536", MALLOC_TRIM_THRESHOLD_="0")
    cmd = [sys.executable, __file__, "--rss-worker", format_shape(shape)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        print(f"  (RSS subprocess failed: {proc.stderr.strip().splitlines()[-1:]})")
        return {}
    raw = json.loads(proc.stdout.strip().splitlines()[-1])
    return {tuple(k.split("|")): v for k, v in raw.items()}


def measure_memory(contenders, shape, nbytes):
    """{(tool, kind): (multiple of nbytes, method letter)} plus RSS cross-check."""
    rss = rss_in_subprocess(shape) if nbytes >= RSS_MIN_BYTES else {}
    primary = {}
    for c in contenders:
        if c.threads is None:
            primary[c.key] = (tracemalloc_extra(c.fn) / nbytes, "T")
        elif c.key in rss:
            primary[c.key] = (rss[c.key] / nbytes, "R")
    check = {key: value / nbytes for key, value in rss.items()}
    return primary, check


# ----------------------------------------------------------------------- agreement

def agreement(contenders, x, t):
    """One line comparing each loss (and xentdocs' gradient) with torch's."""
    torch.set_num_threads(DEFAULT_THREADS)
    ref_loss, ref_grad = torch_fwd_bwd(torch.from_numpy(x), torch.from_numpy(t))
    ref_loss, ref_grad = float(ref_loss.detach()), ref_grad.numpy()
    parts = []
    for c in contenders:
        if c.kind == "fwd" and c.threads is None:
            rel = abs(float(c.fn()) - ref_loss) / abs(ref_loss)
            parts.append(f"{c.tool.split()[0]} loss rel {rel:.1e}")
    grad = xentdocs.cross_entropy_loss_grad(x, t)
    diff = float(np.max(np.abs(grad.astype(np.float64) - ref_grad)))
    parts.append(f"xentdocs grad max|diff| {diff:.1e} (dtype {grad.dtype})")
    return "  check vs torch: " + "; ".join(parts)


# -------------------------------------------------------------------------- output

def format_shape(shape):
    return "x".join(str(s) for s in shape)


def parse_shape(text):
    n, c = (int(part) for part in text.lower().split("x"))
    return (n, c)


def env_report():
    lines = [
        f"python {platform.python_version()}  numpy {np.__version__}  scipy {scipy.__version__}"
        f"  torch {torch.__version__}  xentdocs {getattr(xentdocs, '__version__', '?')}",
        f"machine: {cpu_model()}, os.cpu_count()={os.cpu_count()}, caches {cache_sizes()}",
        f"torch threads: default {DEFAULT_THREADS} (intra-op), interop "
        f"{torch.get_num_interop_threads()}; compared at 1 and {DEFAULT_THREADS}",
        "env: " + "  ".join(f"{v}={os.environ.get(v, '(unset)')}" for v in ENV_VARS),
    ]
    lines += threadpool_report()
    return "\n".join(lines)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown cpu"


def cache_sizes():
    """Per-core cache sizes from sysfs, e.g. 'L1d 32K L2 512K L3 32768K'."""
    found = []
    for index in sorted(Path("/sys/devices/system/cpu/cpu0/cache").glob("index*")):
        try:
            level, kind = (index / "level").read_text().strip(), (index / "type").read_text().strip()
            size = (index / "size").read_text().strip()
        except OSError:
            continue
        if kind != "Instruction":
            found.append(f"L{level}{'d' if kind == 'Data' else ''} {size}")
    return " ".join(found) or "unknown"


def threadpool_report():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return ["threadpools: (threadpoolctl not installed)"]
    return [f"threadpool: {p['prefix']} {p.get('version')} {p['user_api']} "
            f"threads={p['num_threads']} arch={p.get('architecture', '-')} "
            f"({Path(p['filepath']).parent.parent.name})"
            for p in threadpool_info()]


def cell(text, width):
    return f"{'-' if text is None else text:>{width}}"


def ratio(value, reference):
    return None if value is None else f"{value / reference:.2f}"


def millis(value):
    return None if value is None else f"{value * 1e3:.3f}"


def mem(entry):
    return None if entry is None else f"{entry[0]:.3f} {entry[1]}"


def table(times, memory, rss_check):
    header = (f"  {'contender':<30}{'fwd ms':>10}{'x t1':>7}{'f+g ms':>10}{'x t1':>7}"
              f"{'mem fwd':>10}{'mem f+g':>10}{'RSS fwd':>9}")
    rows = [header, "  " + "-" * (len(header) - 2)]
    for tool in TOOLS:
        fwd, fg = times.get((tool, "fwd")), times.get((tool, "f+g"))
        check = rss_check.get((tool, "fwd"))
        rows.append(
            f"  {tool:<30}"
            + cell(millis(fwd), 10) + cell(ratio(fwd, times[(T1, "fwd")]), 7)
            + cell(millis(fg), 10) + cell(ratio(fg, times[(T1, "f+g")]), 7)
            + cell(mem(memory.get((tool, "fwd"))), 10)
            + cell(mem(memory.get((tool, "f+g"))), 10)
            + cell(None if check is None else f"{check:.3f}", 9))
    return "\n".join(rows)


LEGEND = """\
legend: x t1 = time / torch 1-thread time (fwd vs torch fwd; f+g vs torch fwd+backward).
  mem = peak extra bytes during one call / logits.nbytes; T = tracemalloc (NumPy code),
  R = RSS high-water mark (VmHWM after clear_refs, VmRSS before) in a subprocess with
  MALLOC_MMAP_THRESHOLD_=65536; RSS fwd = that RSS method for every contender (inputs >= 8 MiB).
  f+g memory includes the returned gradient (1.0x). Medians of interleaved samples.
  load = 1-minute load average before/after the shape; above ~1 another process shares the
  2 cores, which hurts multi-threaded torch most (each parallel region waits for every thread).
goals (issue 18): xentdocs f+g x t1 <= 0.5 at 2048x32000 and 512x128256, <= 1.0 at 4096x1000;
  fwd x t1 <= 2.0 at 64x10; mem f+g <= 1.1 (the returned gradient is 1.0)."""


# ---------------------------------------------------------------------------- main

def bench_shape(shape, args):
    x, t = make_inputs(shape)
    contenders = make_contenders(x, t)
    reps = calibrate(contenders, args)
    per_call = {c.key: c.number for c in contenders}
    print(f"\nshape {shape}  logits {x.nbytes / 2**20:.1f} MiB float32  "
          f"samples {reps} per contender  calls/sample "
          f"{min(per_call.values())}-{max(per_call.values())}  "
          f"load {os.getloadavg()[0]:.2f}", end="", flush=True)
    times = time_round_robin(contenders, reps)
    print(f" -> {os.getloadavg()[0]:.2f}")
    memory, rss_check = ({}, {}) if args.no_memory else measure_memory(contenders, shape, x.nbytes)
    print(table(times, memory, rss_check))
    print(agreement(contenders, x, t), flush=True)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true",
                   help=f"only the small shapes {QUICK_SHAPES}")
    p.add_argument("--shapes", type=lambda s: [parse_shape(x) for x in s.split(",")],
                   help="comma-separated NxC list, e.g. 2048x32000,64x10")
    p.add_argument("--budget", type=float, default=30.0,
                   help="seconds of timing per shape (default 30)")
    p.add_argument("--min-reps", type=int, default=5)
    p.add_argument("--max-reps", type=int, default=51)
    p.add_argument("--min-sample", type=float, default=0.005,
                   help="minimum seconds per timed sample (default 0.005)")
    p.add_argument("--no-memory", action="store_true", help="skip the memory columns")
    p.add_argument("--rss-worker", type=parse_shape, help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if args.rss_worker:
        rss_worker(args.rss_worker)
        return
    shapes = args.shapes or (QUICK_SHAPES if args.quick else ALL_SHAPES)
    print(env_report())
    start = time.perf_counter()
    for shape in shapes:
        bench_shape(shape, args)
    print("\n" + LEGEND)
    print(f"total {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
