"""Input checks shared by every public function.

Each check turns a bad argument into a ``TypeError`` or ``ValueError`` whose
message names the argument and shows the bad value or shape, so that a caller
never meets an error from deep inside NumPy or a silent NaN.
"""

from __future__ import annotations

import numbers

import numpy as np

REDUCTIONS = ("none", "mean", "sum")


def _describe(x) -> str:
    """A short description of a value for an error message."""
    if isinstance(x, np.ndarray):
        return f"array of shape {x.shape} and dtype {x.dtype}"
    text = repr(x)
    return text if len(text) <= 60 else text[:57] + "..."


def as_float_array(x, name: str) -> np.ndarray:
    """Return ``x`` as a float32 or float64 array without copying when possible.

    float32 and float64 arrays pass through unchanged; integers, lists and
    other real floating types are converted to float64. Booleans, complex
    numbers, strings and objects are rejected.
    """
    if isinstance(x, np.ndarray):
        arr = x
    else:
        try:
            arr = np.asarray(x)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{name} must be a rectangular numeric array, got {_describe(x)}") from exc
    kind = arr.dtype.kind
    if kind == "f":
        if arr.dtype in (np.float32, np.float64):
            return arr
        return arr.astype(np.float64)
    if kind in "iu":
        return arr.astype(np.float64)
    raise TypeError(f"{name} must hold real numbers, got {_describe(arr)}")


def check_reduction(reduction) -> str:
    if reduction not in REDUCTIONS:
        raise ValueError(f"reduction must be one of {REDUCTIONS}, got {reduction!r}")
    return reduction


def check_label_smoothing(label_smoothing) -> float:
    if isinstance(label_smoothing, bool) or not isinstance(label_smoothing, numbers.Real):
        raise TypeError(f"label_smoothing must be a real number, got {label_smoothing!r}")
    if not 0.0 <= label_smoothing <= 1.0:  # also rejects NaN
        raise ValueError(f"label_smoothing must lie in [0, 1], got {label_smoothing!r}")
    return float(label_smoothing)


def check_ignore_index(ignore_index) -> int:
    if isinstance(ignore_index, bool) or not isinstance(ignore_index, numbers.Integral):
        raise TypeError(f"ignore_index must be an integer, got {ignore_index!r}")
    return int(ignore_index)


def check_axis(axis, ndim: int, name: str = "axis") -> int:
    if isinstance(axis, bool) or not isinstance(axis, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {axis!r}")
    if not -ndim <= axis < ndim:
        raise ValueError(f"{name}={axis} is out of range for an input with {ndim} dimension(s)")
    return int(axis) % ndim


def check_class_weight(weight, num_classes: int, dtype) -> np.ndarray | None:
    """Validate a per-class ``weight`` of length C and cast it to ``dtype``."""
    if weight is None:
        return None
    w = as_float_array(weight, "weight")
    if w.shape != (num_classes,):
        raise ValueError(f"weight must have shape ({num_classes},) to match {num_classes} classes, got shape {w.shape}")
    if not np.isfinite(w).all():
        raise ValueError(f"weight must be finite, got {w}")
    return w.astype(dtype, copy=False)


def check_base(base) -> float | None:
    """Validate a logarithm base and return log(base), or None for nats."""
    if base is None:
        return None
    if isinstance(base, bool) or not isinstance(base, numbers.Real):
        raise TypeError(f"base must be a real number or None, got {base!r}")
    if not (base > 0 and base != 1 and np.isfinite(base)):
        raise ValueError(f"base must be positive, finite and not 1, got {base!r}")
    return float(np.log(base))


def check_probabilities(p, name: str) -> np.ndarray:
    """Values in [0, 1] (each one a probability on its own)."""
    arr = as_float_array(p, name)
    if arr.ndim == 0:
        arr = arr.reshape(())
    bad = ~((arr >= 0) & (arr <= 1))  # NaN fails both comparisons
    if bad.any():
        first = arr[bad].flat[0]
        raise ValueError(f"{name} must hold probabilities in [0, 1], got {first!r} at index {tuple(int(i) for i in np.argwhere(bad)[0])}")
    return arr


def check_distribution(p, name: str) -> np.ndarray:
    """Non-negative values summing to 1 along the last axis.

    A last axis of length 0 (no outcomes) passes, as in SciPy: sums over it are empty sums (0).
    """
    arr = check_probabilities(p, name)
    if arr.ndim == 0:
        raise ValueError(f"{name} must have at least 1 dimension (the outcomes), got a 0-d array")
    if arr.shape[-1] == 0:
        return arr
    sums = arr.sum(axis=-1, dtype=np.float64)
    tolerance = np.sqrt(np.finfo(arr.dtype).eps) * max(1.0, np.sqrt(arr.shape[-1] / 64))
    off = np.abs(sums - 1.0) > tolerance
    if off.any():
        raise ValueError(f"{name} must sum to 1 along the last axis, got a sum of {sums[off].flat[0]!r}")
    return arr


def raise_for_bad_maxima(row_max: np.ndarray, name: str = "input") -> None:
    """Reject NaN and +inf logits, and rows whose every logit is -inf.

    The row maximum is computed anyway, and NaN or +inf anywhere in a row shows
    up in it, so this check costs no extra pass over the logits.
    """
    if np.isfinite(row_max).all():
        return
    if np.isnan(row_max).any():
        raise ValueError(f"{name} contains NaN; logits must be finite or -inf")
    if np.isposinf(row_max).any():
        raise ValueError(f"{name} contains +inf; logits must be finite or -inf")
    raise ValueError(f"{name} has a row in which every logit is -inf, so no class has any probability")
