"""The row-wise machinery every loss and gradient of the package is built on (private).

A cross entropy problem is a stack of rows of logits, one row per element, and every quantity
the package computes is made of the same per-row statistics. With :math:`m = \\max_j z_j` at
position ``top`` and :math:`r = \\sum_{j \\ne top} e^{z_j - m}`,

    log sum_j exp(z_j)  = m + log1p(r)
    -log softmax(z)_t   = log1p(r) - (z_t - m)
    softmax(z)_c        = exp(z_c - m) / (1 + r)

Keeping the largest term (exactly 1) out of ``r`` and adding it back with ``log1p`` keeps tiny
losses (confident, correct predictions) accurate where ``-log_softmax(z)[t]`` rounds them to 0.

This module holds, once each:

* :func:`prepare`: validation of a cross entropy / NLL call into a :class:`Problem`, the input
  viewed as ``(N, C, S)`` (``S`` the product of any extra dimensions);
* :func:`blocks`, :func:`rows`, :func:`store`: the walk over cache-sized blocks of rows;
* :func:`shifted_rows`, :func:`exp_rest`: the maximum and ``log1p(rest)`` statistics;
* :func:`index_rows`, :func:`soft_rows`: the loss of a block of rows, and optionally its gradient
  in the same pass, for class-index and probability targets;
* :func:`cross_entropy_pass`: the loss and/or gradient of a whole problem;
* :func:`reduce`: the one reduction helper; :func:`softplus`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from .checks import (
    as_float_array,
    check_class_weight,
    check_ignore_index,
    check_label_smoothing,
    check_reduction,
    raise_for_bad_maxima,
)

# Rows per block are chosen so one block of logits takes about this many bytes: small enough
# for the block's temporaries to stay in the CPU cache, big enough to amortise Python.
BLOCK_BYTES = 256 * 1024


@functools.lru_cache(maxsize=64)
def arange(n: int) -> np.ndarray:
    """``np.arange(n)``, read-only and cached (row indices of a block)."""
    rows = np.arange(n)
    rows.flags.writeable = False
    return rows


# ---------------------------------------------------------------------------------------------
# The validated problem
# ---------------------------------------------------------------------------------------------


@dataclass
class Problem:
    """A validated cross entropy / NLL call.

    ``x3`` is the input viewed as (N, C, S), or None when the logits are made block by block
    (:func:`xentdocs.linear_cross_entropy`); ``shape`` is then the shape they would have.
    """

    shape: tuple  # the logits' shape: (C,), (N, C) or (N, C, d1, ...)
    dtype: np.dtype
    target: np.ndarray  # index targets (N, S) int64, or probabilities (N, C, S)
    soft: bool
    weight: np.ndarray | None
    ignore_index: int
    label_smoothing: float
    reduction: str
    x3: np.ndarray | None = None
    name: str = "input"  # what error messages call the logits

    @property
    def num_classes(self) -> int:
        return self.shape[0] if len(self.shape) == 1 else self.shape[1]

    @property
    def batch_shape(self) -> tuple:
        """The shape of one value per element: the logits' shape without the class axis."""
        return () if len(self.shape) == 1 else (self.shape[0],) + tuple(self.shape[2:])

    @property
    def shape3(self) -> tuple:
        n = 1 if len(self.shape) == 1 else self.shape[0]
        s = int(np.prod(self.shape[2:], dtype=np.int64)) if len(self.shape) > 2 else 1
        return n, self.num_classes, s


def check_logits_shape(shape: tuple, name: str = "input") -> None:
    if len(shape) == 0:
        raise ValueError(f"{name} must have shape (C,), (N, C) or (N, C, d1, ...), got a 0-d array")
    num_classes = shape[0] if len(shape) == 1 else shape[1]
    if num_classes == 0:
        raise ValueError(f"{name} must have at least one class, got shape {shape}")


def prepare(input, target, weight, ignore_index, reduction, label_smoothing, *, allow_soft) -> Problem:
    """Validate a call of ``cross_entropy_loss`` (``allow_soft``) or ``nll_loss``."""
    x = as_float_array(input, "input")
    check_logits_shape(x.shape)
    problem = prepare_options(x.shape, x.dtype, target, weight, ignore_index, reduction, label_smoothing,
                              allow_soft=allow_soft)
    problem.x3 = x.reshape(problem.shape3)
    return problem


def prepare_options(shape, dtype, target, weight, ignore_index, reduction, label_smoothing, *,
                    allow_soft, logits_name="input") -> Problem:
    """Validate everything but the logits themselves, for logits of ``shape`` and ``dtype``."""
    reduction = check_reduction(reduction)
    label_smoothing = check_label_smoothing(label_smoothing)
    ignore_index = check_ignore_index(ignore_index)
    num_classes = shape[0] if len(shape) == 1 else shape[1]
    weight = check_class_weight(weight, num_classes, dtype)
    batch_shape = () if len(shape) == 1 else (shape[0],) + tuple(shape[2:])
    n, s = (1, 1) if len(shape) == 1 else (shape[0], int(np.prod(shape[2:], dtype=np.int64)))

    def problem(t, soft):
        return Problem(tuple(shape), np.dtype(dtype), t, soft, weight, ignore_index, label_smoothing, reduction)

    try:
        t = np.asarray(target)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"target must be a rectangular array, got {target!r:.60}") from exc
    kind = t.dtype.kind
    if kind == "f" and t.shape == tuple(shape) and allow_soft:
        if ignore_index >= 0:
            raise ValueError(
                f"ignore_index={ignore_index} is not supported for probability targets "
                "(PyTorch rejects it too); leave it at a negative value such as -100"
            )
        if not np.isfinite(t).all():
            raise ValueError("target probabilities must be finite, got NaN or inf")
        return problem(t.astype(dtype, copy=False).reshape(n, num_classes, s), True)
    shape = tuple(shape)
    if kind not in "iu":
        if kind == "f" and t.shape == batch_shape:
            raise TypeError(
                f"target of shape {t.shape} holds class indices, so it must have an integer dtype, got {t.dtype}"
                + (" (probability targets need the logits' shape)" if allow_soft else "")
            )
        if kind == "f" and allow_soft:
            raise ValueError(
                f"target of shape {t.shape} fits neither class indices (shape {batch_shape}) "
                f"nor probabilities (shape {shape}) for {logits_name} of shape {shape}"
            )
        if kind == "f":
            raise ValueError(f"target must have shape {batch_shape} for {logits_name} of shape {shape}, got shape {t.shape}")
        raise TypeError(f"target must hold integer class indices, got dtype {t.dtype}")
    if t.shape != batch_shape:
        raise ValueError(f"target must have shape {batch_shape} for {logits_name} of shape {shape}, got shape {t.shape}")
    t2 = t.astype(np.int64, copy=False).reshape(n, s)
    valid = ((t2 >= 0) & (t2 < num_classes)) | (t2 == ignore_index)
    if not valid.all():
        where = tuple(int(i) for i in np.argwhere(~valid.reshape(t.shape) if t.ndim else ~valid)[0])[: t.ndim]
        bad = t[where] if t.ndim else t[()]
        raise ValueError(
            f"target must hold class indices in [0, {num_classes - 1}] or ignore_index={ignore_index}, "
            f"got {int(bad)} at position {where}"
        )
    return problem(t2, False)


# ---------------------------------------------------------------------------------------------
# Blocks of rows
# ---------------------------------------------------------------------------------------------


def blocks(shape3: tuple, itemsize: int):
    """Yield ``(n, s)`` index pairs that cut (N, C, S) into cache-sized blocks of rows."""
    n_total, num_classes, s_total = shape3
    if n_total == 0 or s_total == 0:
        return
    per_block = max(1, BLOCK_BYTES // (num_classes * itemsize))
    if s_total <= per_block:
        step = max(1, per_block // s_total)
        for n0 in range(0, n_total, step):
            yield slice(n0, min(n0 + step, n_total)), slice(None)
    else:
        for n in range(n_total):
            for s0 in range(0, s_total, per_block):
                yield slice(n, n + 1), slice(s0, min(s0 + per_block, s_total))


def rows(array3: np.ndarray, n, s) -> np.ndarray:
    """The (rows, C) block of an (N, C, S) array; a view when S is 1."""
    block = array3[n, :, s]
    return block.transpose(0, 2, 1).reshape(-1, block.shape[1])


def store(array3: np.ndarray, n, s, block: np.ndarray) -> None:
    """Write a (rows, C) block back into an (N, C, S) array."""
    target = array3[n, :, s]
    target[...] = block.reshape(target.shape[0], target.shape[2], target.shape[1]).transpose(0, 2, 1)


# ---------------------------------------------------------------------------------------------
# Row statistics
# ---------------------------------------------------------------------------------------------


def shifted_rows(z: np.ndarray, *, out=None, name="input", allow_all_neg_inf=False):
    """Row maxima ``m``, their positions ``top``, and ``e = z - m`` (into ``out`` if given).

    NaN and ``+inf`` win the argmax, so they surface in ``m`` and raise here, at no extra pass.
    A row of only ``-inf`` raises too, unless ``allow_all_neg_inf`` (then it is shifted by 0:
    ``e`` stays ``-inf`` and its ``r`` is 0).
    """
    top = z.argmax(axis=1)
    m = z[arange(z.shape[0]), top]
    shift = m
    if not np.isfinite(m).all():
        if not allow_all_neg_inf or np.isnan(m).any() or np.isposinf(m).any():
            raise_for_bad_maxima(m, name)
        shift = np.where(np.isneginf(m), 0, m)
    return m, top, np.subtract(z, shift[:, None], out=out)


def exp_rest(e: np.ndarray, top: np.ndarray) -> np.ndarray:
    """``r = sum_{j != top} exp(e_j)`` per row; ``e`` becomes ``exp(e)`` with 0 at ``top``."""
    np.exp(e, out=e)
    e[arange(e.shape[0]), top] = 0
    return e.sum(axis=1)


def softmax_rows(z: np.ndarray, *, out=None, name="input") -> np.ndarray:
    """Row softmax ``exp(z - m) / (1 + r)``."""
    _, top, e = shifted_rows(z, out=out, name=name)
    rest = exp_rest(e, top)
    e[arange(e.shape[0]), top] = 1
    e /= (1 + rest)[:, None]
    return e


# ---------------------------------------------------------------------------------------------
# A block of rows: loss, and optionally its gradient, in one pass
# ---------------------------------------------------------------------------------------------


def index_rows(problem: Problem, z, t, *, grad_scale=None, want_loss=True, out=None):
    """Per-row losses of a block with class-index targets ``t`` (ignored rows give 0).

    With ``grad_scale`` (one factor per row: ``k_i / D``), also returns the gradient of
    ``sum_i grad_scale_i * L_i`` with respect to ``z``, written over the block temporary
    (``out``, which may be ``z`` itself when the caller owns it). Returns ``(loss, grad)``;
    ``loss`` is None unless ``want_loss``.
    """
    eps, num_classes, w = problem.label_smoothing, problem.num_classes, problem.weight
    index = arange(z.shape[0])
    keep = t != problem.ignore_index
    t_safe = np.where(keep, t, 0)
    m, top, e = shifted_rows(z, out=out, name=problem.name)
    loss = None
    if want_loss:
        if eps > 0:
            # sum_c w_c (z_c - m), taken before e is exponentiated in place
            shifted_total = e.sum(axis=1) if w is None else e @ w
        target_shifted = e[index, t_safe]  # z_t - m
    rest = exp_rest(e, top)
    log_s = np.log1p(rest)
    target_weight = 1 if w is None else w[t_safe]
    if want_loss:
        nll = log_s - target_shifted  # -log_softmax(z)[t]
        loss = np.where(keep, (1 - eps) * target_weight * nll, 0)
        if eps > 0:
            weight_total = num_classes if w is None else w.sum()
            smooth = weight_total * log_s - shifted_total  # sum_c w_c * (-log_softmax(z)[c])
            loss = loss + np.where(keep, (eps / num_classes) * smooth, 0)
        loss = loss.astype(z.dtype, copy=False)
    if grad_scale is None:
        return loss, None
    # d L_i / d z_c = scale_i [((1-eps) w_t + eps/C sum_j w_j) p_c - (1-eps) w_t [c = t] - eps/C w_c]
    e[index, top] = 1  # e is now exp(z - m); p = e / (1 + rest)
    hit = (1 - eps) * target_weight * grad_scale
    weight_total = num_classes if w is None else w.sum(dtype=np.float64)
    coefficient = (hit + (eps / num_classes) * weight_total * grad_scale) / (1 + rest)
    e *= coefficient.astype(z.dtype, copy=False)[:, None]
    e[index, t_safe] -= np.asarray(hit, dtype=z.dtype)
    if eps > 0:
        smooth_scale = ((eps / num_classes) * grad_scale).astype(z.dtype, copy=False)
        if w is None:
            e -= smooth_scale[:, None]
        else:
            e -= np.multiply.outer(smooth_scale, w)
    return loss, e


def smoothed_weighted_target(problem: Problem, q: np.ndarray) -> np.ndarray:
    """``w_c * q'_c`` with ``q' = (1 - eps) q + eps / C``: a fresh block temporary."""
    eps = problem.label_smoothing
    wq = q * (1 - eps) + eps / problem.num_classes if eps > 0 else q.copy()
    if problem.weight is not None:
        wq *= problem.weight
    return wq


def soft_rows(problem: Problem, z, q, *, grad_scale=None, want_loss=True, out=None):
    """Per-row losses of a block with probability targets ``q``; with ``grad_scale`` (a number)
    also the gradient of ``grad_scale * sum_i L_i``. Returns ``(loss, grad)`` like :func:`index_rows`."""
    m, top, e = shifted_rows(z, out=out, name=problem.name)
    wq = smoothed_weighted_target(problem, q)
    loss = None
    if want_loss:
        with np.errstate(invalid="ignore"):
            shifted = (wq * e).sum(axis=1)  # sum_c w_c q'_c (z_c - m)
        if not np.isfinite(shifted).all():
            # a masked (-inf) logit with zero target mass: 0 * log 0 counts as 0
            with np.errstate(invalid="ignore"):
                product = wq * e
            product[wq == 0] = 0
            shifted = product.sum(axis=1)
    rest = exp_rest(e, top)
    mass = wq.sum(axis=1)
    if want_loss:
        loss = mass * np.log1p(rest) - shifted
    if grad_scale is None:
        return loss, None
    # d L_i / d z_c = scale [(sum_j u_j) p_c - u_c],  u = w q'
    e[arange(e.shape[0]), top] = 1
    e *= (mass * grad_scale / (1 + rest)).astype(z.dtype, copy=False)[:, None]
    wq *= z.dtype.type(grad_scale)
    e -= wq
    return loss, e


# ---------------------------------------------------------------------------------------------
# Whole problems
# ---------------------------------------------------------------------------------------------


def index_row_weights(problem: Problem):
    """For class-index targets: ``(t_safe, row_weight, denominator)`` of every element, where
    ``row_weight = k_i w[t_i]`` and ``denominator`` is their float64 sum (the mean's divisor)."""
    t = problem.target
    keep = t != problem.ignore_index
    t_safe = np.where(keep, t, 0)
    target_weight = np.ones(t.shape, problem.dtype) if problem.weight is None else problem.weight[t_safe]
    row_weight = np.where(keep, target_weight, 0).astype(problem.dtype, copy=False)
    return t_safe, row_weight, row_weight.sum(dtype=np.float64)


def grad_scales(problem: Problem, row_weight=None, denominator=None):
    """The factor each element's loss enters the reduced loss with: ``k_i / D`` for 'mean' (0
    when every target is ignored: the loss is 0/0 = NaN and its gradient is taken as 0),
    ``k_i`` otherwise ('none' differentiates the sum). A number for probability targets."""
    if problem.soft:
        n, _, s = problem.shape3
        return 1.0 / (n * s) if problem.reduction == "mean" and n * s else 1.0
    keep = (problem.target != problem.ignore_index).astype(np.float64)
    if problem.reduction == "mean":
        return keep / denominator if denominator != 0 else np.zeros(keep.shape)
    return keep


def cross_entropy_pass(problem: Problem, *, want_loss=True, want_grad=False):
    """The loss (reduced) and/or the gradient of a whole prepared problem, in one walk over it.

    Returns ``(loss, grad)``, each None when not wanted. The loss does not depend on
    ``want_grad`` and the gradient not on ``want_loss``: both are the same operations.
    """
    n_total, num_classes, s_total = problem.shape3
    x3 = problem.x3
    per_element = np.empty((n_total, s_total), problem.dtype) if want_loss and problem.reduction == "none" else None
    grad3 = np.empty(x3.shape, problem.dtype) if want_grad else None
    if problem.soft:
        scale = grad_scales(problem) if want_grad else None
        denominator = float(n_total * s_total)
    else:
        _, _, denominator = index_row_weights(problem)
        scale = grad_scales(problem, denominator=denominator) if want_grad else None
    # with no extra dimensions, a block of the gradient is a view: it is computed in place
    grad_rows = grad3[:, :, 0] if want_grad and s_total == 1 else None
    total = 0.0
    for n, s in blocks(problem.shape3, problem.dtype.itemsize):
        z = rows(x3, n, s)
        out = None if grad_rows is None else grad_rows[n]
        if problem.soft:
            loss, g = soft_rows(problem, z, rows(problem.target, n, s), grad_scale=scale, want_loss=want_loss,
                                out=out)
        else:
            block_scale = None if scale is None else scale[n, s].reshape(-1)
            loss, g = index_rows(problem, z, problem.target[n, s].reshape(-1), grad_scale=block_scale,
                                 want_loss=want_loss, out=out)
        if want_loss:
            total += loss.sum(dtype=np.float64)
            if per_element is not None:
                per_element[n, s] = loss.reshape(per_element[n, s].shape)
        if want_grad and grad_rows is None:
            store(grad3, n, s, g)
    loss = reduce(problem.reduction, problem.dtype, total, denominator, per_element, problem.batch_shape) if want_loss else None
    return loss, (grad3.reshape(problem.shape) if want_grad else None)


def reduce(reduction: str, dtype, total: float, denominator: float, per_element=None, shape=None):
    """Apply ``reduction``: 'none' gives ``per_element`` in ``shape`` (0-d becomes a scalar),
    'sum' ``total``, 'mean' ``total / denominator`` (NaN for 0/0); scalars are NumPy scalars of
    ``dtype``."""
    dtype = np.dtype(dtype).type
    if reduction == "none":
        return (per_element if shape is None else per_element.reshape(shape))[()]
    if reduction == "sum":
        return dtype(total)
    with np.errstate(invalid="ignore", divide="ignore"):
        return dtype(np.float64(total) / np.float64(denominator))


def reduce_elementwise(loss: np.ndarray, reduction: str):
    """:func:`reduce` for a loss with one value per input element (the mean divides by their count)."""
    return reduce(reduction, loss.dtype, loss.sum(dtype=np.float64), loss.size, loss)


def softplus_pair(z: np.ndarray):
    """``(softplus(-z), softplus(z))`` with ``softplus(z) = log(1 + e^z)``, without overflow:
    ``log1p(e^{-|z|}) + max(±z, 0)``, the ``log1p`` term computed once for both."""
    tail = np.log1p(np.exp(-np.abs(z)))
    return tail + np.maximum(-z, 0), tail + np.maximum(z, 0)
