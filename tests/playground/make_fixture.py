"""Expected values for the playground's JavaScript math, computed with xentdocs and NumPy.

    .venv/bin/python tests/playground/make_fixture.py OUT.json

writes a JSON fixture that tests/playground/xent_math.test.mjs (run with XENT_FIXTURE=OUT.json)
checks docs/assets/javascripts/xent_math.js against:

- "float64": states (logits z, target y, temperature T, smoothing eps) with what xentdocs gives
  for x = z / T: q = softmax(x), log q = log_softmax(x), p = (1 - eps) onehot(y) + eps / C,
  surprisal -log q_y, cross_entropy = cross_entropy_loss(x, y, label_smoothing=eps),
  entropy(q), kl_divergence(p, q), logsumexp(x).
- "float32": the same kind of state computed in NumPy float32, the naive way
  (np.exp, np.sum, division, np.log: overflow gives inf and nan) and the stable way
  (xentdocs.log_softmax on float32 input), each followed by PyTorch's loss formula in float32,
  with every intermediate value (so a test can check each step on its own).

Non-finite numbers are written as the strings "Infinity", "-Infinity" and "NaN".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

import xentdocs

DEFAULTS = Path("docs/assets/javascripts/playground_defaults.json")


def _json(x):
    """A float (or nested list of floats) as JSON: exact decimal repr, non-finite as strings."""
    if isinstance(x, (list, tuple, np.ndarray)):
        return [_json(v) for v in x]
    if isinstance(x, (bool, int, np.integer)) and not isinstance(x, (float, np.floating)):
        return int(x)
    v = float(x)  # float32 widens exactly
    if np.isnan(v):
        return "NaN"
    if np.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def smoothed_target(num_classes: int, y: int, eps: float) -> np.ndarray:
    """p = (1 - eps) * onehot(y) + eps / C, the target PyTorch's label smoothing mixes in."""
    onehot = np.zeros(num_classes)
    onehot[y] = 1.0
    return onehot * (1 - eps) + eps / num_classes


def float64_case(z, y: int, T: float, eps: float) -> dict:
    z = np.asarray(z, dtype=np.float64)
    x = z / T
    q = xentdocs.softmax(x)
    logq = xentdocs.log_softmax(x)
    p = smoothed_target(len(z), y, eps)
    return {
        "logits": _json(z), "target": int(y), "temperature": float(T), "smoothing": float(eps),
        "x": _json(x), "q": _json(q), "logq": _json(logq), "p": _json(p),
        "surprisal": _json(-logq[y]),
        "cross_entropy": _json(xentdocs.cross_entropy_loss(x, np.int64(y), label_smoothing=eps)),
        "entropy": _json(xentdocs.entropy(q)),
        "kl": _json(xentdocs.kl_divergence(p, q)),
        "logsumexp": _json(xentdocs.logsumexp(x)),
    }


def loss_from_logq32(logq: np.ndarray, y: int, eps: float) -> np.float32:
    """PyTorch's loss from float32 log-probabilities: (1-eps)(-log q_y) + eps/C sum_c(-log q_c)."""
    nll = -logq[y]
    head = np.float32(1 - eps) * nll
    if eps > 0:
        return np.float32(head + np.float32(eps / len(logq)) * np.sum(-logq))
    return np.float32(head)


def float32_case(z, y: int, T: float, eps: float) -> dict:
    z = np.asarray(z, dtype=np.float64)
    with np.errstate(all="ignore"):
        x = z.astype(np.float32) / np.float32(T)
        e = np.exp(x)
        s = np.sum(e)
        q = e / s
        logq = np.log(q)
        naive = {"e": e, "s": s, "q": q, "logq": logq,
                 "surprisal": -logq[y], "cross_entropy": loss_from_logq32(logq, y, eps)}
        stable_logq = xentdocs.log_softmax(x)
        assert stable_logq.dtype == np.float32
        stable = {"logq": stable_logq, "surprisal": -stable_logq[y],
                  "cross_entropy": loss_from_logq32(stable_logq, y, eps),
                  "cross_entropy_xentdocs": xentdocs.cross_entropy_loss(x, np.int64(y), label_smoothing=eps)}
    return {
        "logits": _json(z), "target": int(y), "temperature": float(T), "smoothing": float(eps),
        "x": _json(x),
        "naive": {k: _json(v) for k, v in naive.items()},
        "stable": {k: _json(v) for k, v in stable.items()},
    }


def _random_logits(rng, num_classes: int) -> np.ndarray:
    kind = rng.integers(5)
    if kind == 0:  # what the sliders reach
        return np.round(rng.uniform(-12, 12, num_classes), 1)
    if kind == 1:
        return rng.normal(0, 3, num_classes)
    if kind == 2:  # large, both signs
        return rng.uniform(-1000, 1000, num_classes)
    if kind == 3:  # one logit far above the rest: confident predictions, tiny probabilities
        z = rng.normal(0, 2, num_classes)
        z[rng.integers(num_classes)] += rng.uniform(20, 400)
        return z
    z = np.round(rng.normal(0, 1, num_classes), 1)  # ties
    z[rng.integers(num_classes)] = z[rng.integers(num_classes)]
    return z


def _random_state(rng):
    num_classes = int(rng.integers(3, 11))
    z = _random_logits(rng, num_classes)
    T = float(rng.choice([1.0, 0.1, 5.0, round(float(rng.uniform(0.1, 5)), 1), float(rng.uniform(0.1, 5))]))
    eps = float(rng.choice([0.0, 1.0, round(float(rng.uniform(0, 1)), 2), float(rng.uniform(0, 1))]))
    return z, T, eps


def edge_states():
    """Hand-picked states: the defaults, uniform logits, ties, huge gaps, the float32 overflow edge."""
    defaults = json.loads(DEFAULTS.read_text())
    yield defaults["logits"], defaults["temperature"], defaults["smoothing"]
    for C in (3, 10):
        yield [0.0] * C, 1.0, 0.0
        yield [7.5] * C, 0.1, 1.0
        yield [1000.0] * C, 1.0, 0.1
    yield [95.0, 0.0, 0.0], 1.0, 0.0
    yield [88.72, 0.0, -5.0], 1.0, 0.0  # just below exp's float32 overflow (log of 3.4028235e38 is 88.7228)
    yield [88.73, 0.0, -5.0], 1.0, 0.0  # just above
    yield [9.0, 0.0, -1.0, 2.0], 0.1, 0.3  # x = 90: overflows through the temperature
    yield [-1000.0, 1000.0, 0.0], 0.1, 0.0  # q underflows to exactly 0 in float64
    yield [-1000.0, 1000.0, 0.0], 0.1, 0.25  # ... and p > 0 = q there: KL = inf
    yield [50.0, 0.0, 0.0], 1.0, 0.0  # log q_0 = -2e-22, not 0
    yield [-120.0, 0.0, 1.0], 1.0, 0.5  # float32 exp underflows to 0: log 0 = -inf in the naive path
    yield [12.0, -12.0, -12.0, -12.0, -12.0, -12.0, -12.0, -12.0, -12.0, -12.0], 0.1, 0.01
    yield [3.0, 3.0, 1.0, 3.0], 1.0, 0.0  # tied maximum: the first one is the argmax


def make_fixture(seed: int = 20240607, n_random64: int = 400, n_random32: int = 200) -> dict:
    rng = np.random.default_rng(seed)
    float64, float32 = [], []
    for z, T, eps in edge_states():
        for y in range(len(z)):  # every target
            float64.append(float64_case(z, y, T, eps))
            float32.append(float32_case(z, y, T, eps))
    for _ in range(n_random64):
        z, T, eps = _random_state(rng)
        ys = range(len(z)) if rng.random() < 0.2 else [int(rng.integers(len(z)))]
        float64.extend(float64_case(z, y, T, eps) for y in ys)
    for _ in range(n_random32):
        z, T, eps = _random_state(rng)
        if rng.random() < 0.5:  # push one logit over the float32 overflow edge
            z[rng.integers(len(z))] = rng.uniform(88.8, 200) * T
        float32.append(float32_case(z, int(rng.integers(len(z))), T, eps))
    return {"seed": seed, "defaults": json.loads(DEFAULTS.read_text()), "float64": float64, "float32": float32}


def write_fixture(path) -> Path:
    path = Path(path)
    path.write_text(json.dumps(make_fixture(), allow_nan=False))
    return path


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_fixture.py OUT.json")
    print(write_fixture(sys.argv[1]))
