"""Losses with PyTorch's semantics: NLL, cross entropy, binary cross entropy.

Shapes follow ``torch.nn``: the input is ``(C,)``, ``(N, C)`` or
``(N, C, d1, d2, ...)`` with the classes on axis 0 for ``(C,)`` and on axis 1
otherwise; class-index targets have the input's shape without the class axis.

Cross entropy walks the logits in blocks of rows small enough to stay in the
CPU cache, so the logits are read from memory once and no temporary the size
of the input is ever made. The loss of a row is

    (m - x_t) + log1p(sum_{j != argmax} exp(x_j - m)),   m = max_j x_j,

which keeps tiny losses (confident, correct predictions) accurate where
``-log_softmax(x)[t]`` would round them to exactly 0.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from .checks import (
    REDUCTIONS,
    as_float_array,
    check_class_weight,
    check_ignore_index,
    check_label_smoothing,
    check_probabilities,
    check_reduction,
    raise_for_bad_maxima,
)

# Rows per block are chosen so one block of logits takes about this many bytes:
# small enough for the temporaries to stay in L2, big enough to amortise Python.
_BLOCK_BYTES = 256 * 1024


@dataclass
class _Problem:
    """A validated cross entropy / NLL call, with the input viewed as (N, C, S)."""

    x3: np.ndarray  # (N, C, S): S is the product of the extra dimensions (1 if none)
    batch_shape: tuple
    target: np.ndarray  # index targets (N, S) int64, or probabilities (N, C, S)
    soft: bool
    weight: np.ndarray | None
    ignore_index: int
    label_smoothing: float
    reduction: str

    @property
    def num_classes(self) -> int:
        return self.x3.shape[1]

    @property
    def dtype(self):
        return self.x3.dtype


def _split_input(x: np.ndarray):
    """Return ``(x3, batch_shape)`` with x3 of shape (N, C, S)."""
    if x.ndim == 0:
        raise ValueError("input must have shape (C,), (N, C) or (N, C, d1, ...), got a 0-d array")
    if x.ndim == 1:
        num_classes, batch_shape = x.shape[0], ()
    else:
        num_classes, batch_shape = x.shape[1], (x.shape[0],) + x.shape[2:]
    if num_classes == 0:
        raise ValueError(f"input must have at least one class, got shape {x.shape}")
    n = 1 if x.ndim == 1 else x.shape[0]
    s = int(np.prod(x.shape[2:], dtype=np.int64)) if x.ndim > 2 else 1
    return x.reshape(n, num_classes, s), batch_shape


def _prepare(input, target, weight, ignore_index, reduction, label_smoothing, *, allow_soft) -> _Problem:
    x = as_float_array(input, "input")
    x3, batch_shape = _split_input(x)
    reduction = check_reduction(reduction)
    label_smoothing = check_label_smoothing(label_smoothing)
    ignore_index = check_ignore_index(ignore_index)
    num_classes = x3.shape[1]
    weight = check_class_weight(weight, num_classes, x.dtype)

    try:
        t = np.asarray(target)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"target must be a rectangular array, got {target!r:.60}") from exc
    kind = t.dtype.kind
    if kind == "f" and t.shape == x.shape and allow_soft:
        if ignore_index >= 0:
            raise ValueError(
                f"ignore_index={ignore_index} is not supported for probability targets "
                "(PyTorch rejects it too); leave it at a negative value such as -100"
            )
        if not np.isfinite(t).all():
            raise ValueError("target probabilities must be finite, got NaN or inf")
        q3 = t.astype(x.dtype, copy=False).reshape(x3.shape)
        return _Problem(x3, batch_shape, q3, True, weight, ignore_index, label_smoothing, reduction)
    if kind not in "iu":
        if kind == "f" and t.shape == batch_shape:
            raise TypeError(
                f"target of shape {t.shape} holds class indices, so it must have an integer dtype, got {t.dtype}"
                + (" (probability targets need the input's shape)" if allow_soft else "")
            )
        if kind == "f" and allow_soft:
            raise ValueError(
                f"target of shape {t.shape} fits neither class indices (shape {batch_shape}) "
                f"nor probabilities (shape {x.shape}) for input of shape {x.shape}"
            )
        if kind == "f":
            raise ValueError(f"target must have shape {batch_shape} for input of shape {x.shape}, got shape {t.shape}")
        raise TypeError(f"target must hold integer class indices, got dtype {t.dtype}")
    if t.shape != batch_shape:
        raise ValueError(f"target must have shape {batch_shape} for input of shape {x.shape}, got shape {t.shape}")
    t2 = t.astype(np.int64, copy=False).reshape(x3.shape[0], x3.shape[2])
    valid = ((t2 >= 0) & (t2 < num_classes)) | (t2 == ignore_index)
    if not valid.all():
        where = tuple(int(i) for i in np.argwhere(~valid.reshape(t.shape) if t.ndim else ~valid)[0])[: t.ndim]
        bad = t.reshape(t.shape)[where] if t.ndim else t[()]
        raise ValueError(
            f"target must hold class indices in [0, {num_classes - 1}] or ignore_index={ignore_index}, "
            f"got {int(bad)} at position {where}"
        )
    return _Problem(x3, batch_shape, t2, False, weight, ignore_index, label_smoothing, reduction)


def _blocks(problem: _Problem):
    """Yield ``(n, s)`` index pairs that cut (N, C, S) into cache-sized row blocks."""
    n_total, num_classes, s_total = problem.x3.shape
    rows = max(1, _BLOCK_BYTES // (num_classes * problem.x3.itemsize))
    if s_total <= rows:
        per_block = max(1, rows // s_total)
        for n0 in range(0, n_total, per_block):
            yield slice(n0, min(n0 + per_block, n_total)), slice(None)
    else:
        for n in range(n_total):
            for s0 in range(0, s_total, rows):
                yield slice(n, n + 1), slice(s0, min(s0 + rows, s_total))


def _rows(array3: np.ndarray, n, s) -> np.ndarray:
    """The (rows, C) block of an (N, C, S) array; a view when S is 1."""
    block = array3[n, :, s]
    return block.transpose(0, 2, 1).reshape(-1, block.shape[1])


def _block_stats(z: np.ndarray):
    """Row maxima ``m``, their positions, and ``e = z - m`` (a fresh block temporary)."""
    top = z.argmax(axis=1)
    m = z[np.arange(z.shape[0]), top]
    raise_for_bad_maxima(m)  # NaN and +inf win the argmax, so they surface here
    return m, top, z - m[:, None]


def _log_sum_exp_rest(e: np.ndarray, top: np.ndarray) -> np.ndarray:
    """``log(sum_j exp(e_j))`` for rows of ``e = z - m``, as ``log1p`` of the terms other than the maximum.

    Overwrites ``e`` with ``exp(e)`` (the maximum's entry set to 0).
    """
    np.exp(e, out=e)
    e[np.arange(e.shape[0]), top] = 0
    return np.log1p(e.sum(axis=1))


def _index_block_loss(problem: _Problem, z: np.ndarray, t: np.ndarray):
    """Per-row losses of one block with class-index targets, and each row's weight ``k_i w[t_i]``."""
    eps, num_classes, w = problem.label_smoothing, problem.num_classes, problem.weight
    rows = np.arange(z.shape[0])
    keep = t != problem.ignore_index
    t_safe = np.where(keep, t, 0)
    m, top, e = _block_stats(z)
    if eps > 0:
        # sum_c w_c (z_c - m), taken before e is exponentiated in place
        shifted_total = e.sum(axis=1) if w is None else e @ w
    log_s = _log_sum_exp_rest(e, top)
    target_weight = np.ones(len(t), z.dtype) if w is None else w[t_safe]
    row_weight = np.where(keep, target_weight, 0).astype(z.dtype)
    nll = (m - z[rows, t_safe]) + log_s  # -log_softmax(z)[t]
    loss = np.where(keep, (1 - eps) * target_weight * nll, 0)
    if eps > 0:
        weight_total = num_classes if w is None else w.sum()
        smooth = weight_total * log_s - shifted_total  # sum_c w_c * (-log_softmax(z)[c])
        loss = loss + np.where(keep, (eps / num_classes) * smooth, 0)
    return loss.astype(z.dtype, copy=False), row_weight


def _smoothed_weighted_target(problem: _Problem, q: np.ndarray) -> np.ndarray:
    """``w_c * q'_c`` with ``q' = (1 - eps) q + eps / C``: a fresh block temporary."""
    eps = problem.label_smoothing
    wq = q * (1 - eps) + eps / problem.num_classes if eps > 0 else q.copy()
    if problem.weight is not None:
        wq *= problem.weight
    return wq


def _soft_block_loss(problem: _Problem, z: np.ndarray, q: np.ndarray):
    """Per-row losses of one block with probability targets."""
    m, top, e = _block_stats(z)
    wq = _smoothed_weighted_target(problem, q)
    with np.errstate(invalid="ignore"):
        shifted = (wq * e).sum(axis=1)  # sum_c w_c q'_c (z_c - m)
    if not np.isfinite(shifted).all():
        # a masked (-inf) logit with zero target mass: 0 * log 0 counts as 0
        with np.errstate(invalid="ignore"):
            product = wq * e
        product[wq == 0] = 0
        shifted = product.sum(axis=1)
    log_s = _log_sum_exp_rest(e, top)
    return wq.sum(axis=1) * log_s - shifted


def _finish(problem: _Problem, total: float, denominator: float, per_element: np.ndarray | None):
    """Apply the reduction; scalars come back as NumPy scalars of the input's dtype."""
    dtype = problem.dtype.type
    if problem.reduction == "none":
        return per_element.reshape(problem.batch_shape)[()]
    if problem.reduction == "sum":
        return dtype(total)
    with np.errstate(invalid="ignore", divide="ignore"):
        return dtype(np.float64(total) / np.float64(denominator))


def nll_loss(input, target, weight=None, ignore_index=-100, reduction="mean"):
    r"""Negative log likelihood loss on log-probabilities, as ``torch.nn.functional.nll_loss``.

    Parameters
    ----------
    input : array_like
        Log-probabilities of shape ``(C,)``, ``(N, C)`` or ``(N, C, d1, ...)``,
        usually the output of :func:`log_softmax` over the class axis.
    target : array_like of int
        Class indices of shape ``()``, ``(N,)`` or ``(N, d1, ...)``.
    weight : array_like, optional
        A weight per class, shape ``(C,)``. Default: all ones.
    ignore_index : int, optional
        Targets equal to this value contribute neither to the loss nor to the
        mean's denominator. Default -100.
    reduction : {'mean', 'sum', 'none'}, optional
        How the per-element losses are combined. Default 'mean'.

    Returns
    -------
    numpy scalar or numpy.ndarray
        The loss; for ``'none'`` an array of the target's shape.

    Notes
    -----
    With :math:`k_i = [t_i \ne \text{ignore\_index}]`,

    .. math::
       \ell_i = -k_i\, w_{t_i}\, x_{i, t_i}, \qquad
       \text{mean} = \frac{\sum_i \ell_i}{\sum_i k_i\, w_{t_i}}, \qquad
       \text{sum} = \sum_i \ell_i .

    The weighted mean divides by the total weight of the kept targets, not by
    :math:`N`. If every target is ignored, 'mean' is NaN (0/0) and 'sum' is 0.
    Only the entries at the targets are read; NaN or ``+inf`` there raise.

    Examples
    --------
    >>> import numpy as np
    >>> from xentdocs import nll_loss
    >>> logp = np.log([[0.5, 0.5], [0.25, 0.75]])
    >>> float(nll_loss(logp, [0, 1]))  # (log 2 + log 4/3) / 2
    0.4904146265058631
    >>> float(nll_loss(logp, [0, 1], weight=[1.0, 3.0]))  # (log 2 + 3 log 4/3) / (1 + 3)
    0.38904834948
    """
    problem = _prepare(input, target, weight, ignore_index, reduction, 0.0, allow_soft=False)
    t = problem.target  # (N, S)
    keep = t != problem.ignore_index
    t_safe = np.where(keep, t, 0)
    picked = np.take_along_axis(problem.x3, t_safe[:, None, :], axis=1)[:, 0, :]
    checked = picked[keep]
    if np.isnan(checked).any() or np.isposinf(checked).any():
        raise ValueError("input holds NaN or +inf at a target position; log-probabilities must be at most 0 or -inf")
    target_weight = np.ones_like(picked) if problem.weight is None else problem.weight[t_safe]
    per_element = np.where(keep, -target_weight * picked, 0).astype(problem.dtype, copy=False) + 0.0
    denominator = np.where(keep, target_weight, 0).sum(dtype=np.float64)
    return _finish(problem, per_element.sum(dtype=np.float64), denominator, per_element)


@functools.lru_cache(maxsize=64)
def _arange(n: int) -> np.ndarray:
    rows = np.arange(n)
    rows.flags.writeable = False
    return rows


def _small_batch_loss(input, target, weight, ignore_index, reduction, label_smoothing):
    """The common small case in few NumPy calls, or None to take the general path.

    Covers an (N, C) float array that fits one block, integer targets all in
    range, no weight, no smoothing. Python overhead dominates such calls, so
    every check here is one reduction; anything unusual (an ignored target, a
    non-finite logit, which the general path reports precisely) falls back.
    """
    if not (
        type(input) is np.ndarray
        and input.ndim == 2
        and input.dtype in (np.float32, np.float64)
        and input.nbytes <= _BLOCK_BYTES
        and type(target) is np.ndarray
        and target.dtype.kind in "iu"
        and target.shape == input.shape[:1]
        and weight is None
        and label_smoothing == 0
        and reduction in REDUCTIONS
        and type(ignore_index) is int
        and input.size
    ):
        return None
    n_rows, num_classes = input.shape
    # seen as unsigned, a negative index is huge: one reduction checks both ends
    if target.astype(np.uint64, copy=False).max() >= num_classes or 0 <= ignore_index < num_classes:
        return None
    rows = _arange(n_rows)
    top = input.argmax(axis=1)
    m = input[rows, top]
    if not math.isfinite(m.sum(dtype=np.float64)):
        return None
    e = input - m[:, None]
    neg_nll_head = e[rows, target]  # x_t - m
    np.exp(e, out=e)
    e[rows, top] = 0
    loss = np.log1p(e.sum(axis=1)) - neg_nll_head
    if reduction == "none":
        return loss
    total = loss.sum(dtype=np.float64)
    return input.dtype.type(total / n_rows if reduction == "mean" else total)


def cross_entropy_loss(input, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    r"""Cross entropy loss on logits, as ``torch.nn.functional.cross_entropy``.

    Parameters
    ----------
    input : array_like
        Logits (unnormalised scores) of shape ``(C,)``, ``(N, C)`` or
        ``(N, C, d1, ...)``. ``-inf`` masks a class (probability 0); NaN and
        ``+inf`` raise ``ValueError``.
    target : array_like
        Either class indices (integers) of shape ``()``, ``(N,)`` or
        ``(N, d1, ...)``, or class probabilities (floats) of the input's shape.
    weight : array_like, optional
        A weight per class, shape ``(C,)``. Default: all ones.
    ignore_index : int, optional
        Class-index targets equal to this value are skipped. Not supported (must
        stay negative) with probability targets. Default -100.
    reduction : {'mean', 'sum', 'none'}, optional
        Default 'mean'.
    label_smoothing : float in [0, 1], optional
        Mixes the target with the uniform distribution. Default 0.

    Returns
    -------
    numpy scalar or numpy.ndarray
        The loss; for ``'none'``, one value per element (the input's shape
        without the class axis). float32 input gives float32.

    Notes
    -----
    Let :math:`\ell_{ic} = -\log\operatorname{softmax}(x_i)_c`, :math:`w` the
    class weights, :math:`\varepsilon` the label smoothing, :math:`C` the number
    of classes and :math:`k_i = [t_i \ne \text{ignore\_index}]`.

    **Class-index targets.** Per element,

    .. math::
       L_i = k_i\Big[(1-\varepsilon)\, w_{t_i}\, \ell_{i t_i}
             + \frac{\varepsilon}{C}\sum_{c=1}^{C} w_c\, \ell_{ic}\Big],

    'sum' is :math:`\sum_i L_i` and 'mean' is
    :math:`\sum_i L_i \,/\, \sum_i k_i\, w_{t_i}`: the denominator is the total
    weight of the kept targets (the number of kept targets when unweighted),
    for the smoothing term too. Every target ignored: 'mean' is NaN, 'sum' 0.

    **Probability targets** :math:`q`. With :math:`q' = (1-\varepsilon)\,q + \varepsilon/C`,

    .. math:: L_i = \sum_{c=1}^{C} w_c\, q'_{ic}\, \ell_{ic},

    and 'mean' divides by the number of elements :math:`N\,d_1 d_2\cdots`, not by
    the weights, so a one-hot float target and an index target give different
    means once weights are set.

    Each row's :math:`\ell_{it}` is computed as
    :math:`(m - x_t) + \operatorname{log1p}(\sum_{j \ne \arg\max} e^{x_j - m})`, accurate
    even when the loss is far below machine epsilon.

    Examples
    --------
    >>> import numpy as np
    >>> from xentdocs import cross_entropy_loss
    >>> logits = np.array([[2.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    >>> float(cross_entropy_loss(logits, [0, 2]))  # (-log(e^2/(e^2+2)) + log 3) / 2
    0.66907852744
    >>> cross_entropy_loss(logits, [0, 2], reduction="none").round(4)
    array([0.2395, 1.0986])
    >>> float(cross_entropy_loss(logits, [0, -100]))  # the ignored row leaves the mean
    0.23954476622
    """
    fast = _small_batch_loss(input, target, weight, ignore_index, reduction, label_smoothing)
    if fast is not None:
        return fast
    problem = _prepare(input, target, weight, ignore_index, reduction, label_smoothing, allow_soft=True)
    n_total, _, s_total = problem.x3.shape
    per_element = np.empty((n_total, s_total), problem.dtype) if problem.reduction == "none" else None
    total = 0.0
    denominator = 0.0
    for n, s in _blocks(problem):
        z = _rows(problem.x3, n, s)
        if problem.soft:
            loss = _soft_block_loss(problem, z, _rows(problem.target, n, s))
        else:
            loss, row_weight = _index_block_loss(problem, z, problem.target[n, s].reshape(-1))
            denominator += row_weight.sum(dtype=np.float64)
        total += loss.sum(dtype=np.float64)
        if per_element is not None:
            per_element[n, s] = loss.reshape(per_element[n, s].shape)
    if problem.soft:
        denominator = float(n_total * s_total)
    return _finish(problem, total, denominator, per_element)


def _check_same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    if a.shape != b.shape:
        raise ValueError(f"{name_b} must have the same shape as {name_a} {a.shape}, got shape {b.shape}")


def _elementwise_weight(weight, shape, dtype, name="weight"):
    if weight is None:
        return None
    w = as_float_array(weight, name).astype(dtype, copy=False)
    try:
        np.broadcast_shapes(w.shape, shape)
    except ValueError:
        raise ValueError(f"{name} of shape {w.shape} does not broadcast to the input's shape {shape}") from None
    if not np.isfinite(w).all():
        raise ValueError(f"{name} must be finite")
    return w


def _reduce_elementwise(loss: np.ndarray, reduction: str, dtype):
    if reduction == "none":
        return loss[()]
    total = loss.sum(dtype=np.float64)
    if reduction == "sum":
        return dtype.type(total)
    with np.errstate(invalid="ignore"):
        return dtype.type(total / loss.size if loss.size else np.nan)


def binary_cross_entropy(input, target, weight=None, reduction="mean"):
    r"""Binary cross entropy on probabilities, as ``torch.nn.functional.binary_cross_entropy``.

    Parameters
    ----------
    input : array_like
        Predicted probabilities in [0, 1].
    target : array_like
        Target probabilities in [0, 1], same shape as ``input``.
    weight : array_like, optional
        Rescales each element's loss; broadcast to the input's shape.
    reduction : {'mean', 'sum', 'none'}, optional
        Default 'mean' (over all elements).

    Returns
    -------
    numpy scalar or numpy.ndarray

    Notes
    -----
    .. math:: L = -w\,\big[\,y \max(\log p, -100) + (1-y)\max(\log(1-p), -100)\,\big]

    Like PyTorch, each logarithm is clamped at -100 so that ``p = 0`` or
    ``p = 1`` gives a large finite loss instead of ``inf``. Prefer
    :func:`binary_cross_entropy_with_logits`: it never has to form ``p``.

    Examples
    --------
    >>> from xentdocs import binary_cross_entropy
    >>> float(binary_cross_entropy([0.5], [1.0]))  # log 2
    0.6931471805599453
    >>> float(binary_cross_entropy([0.0], [1.0]))  # clamped, not inf
    100.0
    """
    p = check_probabilities(input, "input")
    y = check_probabilities(target, "target").astype(p.dtype, copy=False)
    _check_same_shape(p, y, "input", "target")
    reduction = check_reduction(reduction)
    w = _elementwise_weight(weight, p.shape, p.dtype)
    with np.errstate(divide="ignore"):
        log_p = np.maximum(np.log(p), -100)
        log_not_p = np.maximum(np.log1p(-p), -100)
    loss = -(y * log_p + (1 - y) * log_not_p)
    if w is not None:
        loss = loss * w
    return _reduce_elementwise(loss + 0.0, reduction, p.dtype)


def binary_cross_entropy_with_logits(input, target, weight=None, reduction="mean", pos_weight=None):
    r"""Binary cross entropy on logits, as ``torch.nn.functional.binary_cross_entropy_with_logits``.

    Parameters
    ----------
    input : array_like
        Logits :math:`z` (finite).
    target : array_like
        Target probabilities :math:`y` in [0, 1], same shape as ``input``.
    weight : array_like, optional
        Rescales each element's loss; broadcast to the input's shape.
    reduction : {'mean', 'sum', 'none'}, optional
        Default 'mean' (over all elements).
    pos_weight : array_like, optional
        Weight :math:`p_w` of the positive term, broadcast along the last axis
        (one per class in multi-label problems).

    Returns
    -------
    numpy scalar or numpy.ndarray

    Notes
    -----
    .. math::
       L = w\,\big[\,p_w\, y\, \operatorname{softplus}(-z) + (1-y)\operatorname{softplus}(z)\,\big],
       \qquad \operatorname{softplus}(z) = \log(1 + e^{z}),

    since :math:`-\log\sigma(z) = \operatorname{softplus}(-z)` and
    :math:`-\log(1-\sigma(z)) = \operatorname{softplus}(z)`. Softplus is evaluated as
    :math:`\operatorname{log1p}(e^{-|z|}) + \max(z, 0)`, so no exponential overflows
    and tiny losses are not rounded to 0. PyTorch writes the same value as
    :math:`(1-y)z + (1 + (p_w - 1)y)\operatorname{softplus}(-z)`.

    Examples
    --------
    >>> from xentdocs import binary_cross_entropy_with_logits
    >>> float(binary_cross_entropy_with_logits([0.0], [1.0]))  # log 2
    0.6931471805599453
    >>> float(binary_cross_entropy_with_logits([-800.0], [1.0]))  # sigmoid underflows; this does not
    800.0
    >>> float(binary_cross_entropy_with_logits([0.0], [1.0], pos_weight=[3.0]))  # 3 log 2
    2.0794415416798357
    """
    z = as_float_array(input, "input")
    if not np.isfinite(z).all():
        raise ValueError("input logits must be finite, got NaN or inf")
    y = check_probabilities(target, "target").astype(z.dtype, copy=False)
    _check_same_shape(z, y, "input", "target")
    reduction = check_reduction(reduction)
    w = _elementwise_weight(weight, z.shape, z.dtype)
    pw = _elementwise_weight(pos_weight, z.shape, z.dtype, "pos_weight")
    softplus_neg = np.log1p(np.exp(-np.abs(z)))
    positive_term = softplus_neg + np.maximum(-z, 0)  # -log sigmoid(z)
    negative_term = softplus_neg + np.maximum(z, 0)  # -log(1 - sigmoid(z))
    if pw is not None:
        positive_term = pw * positive_term
    loss = y * positive_term + (1 - y) * negative_term
    if w is not None:
        loss = loss * w
    return _reduce_elementwise(loss, reduction, z.dtype)


class _LossModule:
    """Shared behaviour of the ``torch.nn``-style loss classes: options in, a repr out."""

    def _options(self) -> dict:
        raise NotImplementedError

    def __repr__(self) -> str:
        options = ", ".join(f"{k}={v!r}" for k, v in self._options().items() if not isinstance(v, np.ndarray))
        return f"{type(self).__name__}({options})"


class CrossEntropyLoss(_LossModule):
    """Callable cross entropy loss mirroring ``torch.nn.CrossEntropyLoss``.

    Parameters
    ----------
    weight, ignore_index, reduction, label_smoothing
        As in :func:`cross_entropy_loss`; validated here, once.

    Examples
    --------
    >>> import numpy as np
    >>> import xentdocs
    >>> loss = xentdocs.CrossEntropyLoss()
    >>> logits = np.array([[3.2, 5.1, -1.7], [1.3, 4.9, 2.0]])
    >>> float(loss(logits, [0, 1]))  # PyTorch: 1.0597434655457596
    1.0597434655457596
    >>> loss.grad(logits, [0, 1]).round(3)  # PyTorch's autograd gives the same
    array([[-0.435,  0.435,  0.   ],
           [ 0.013, -0.038,  0.025]])
    """

    def __init__(self, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
        self.weight = None if weight is None else as_float_array(weight, "weight").copy()
        if self.weight is not None and (self.weight.ndim != 1 or not np.isfinite(self.weight).all()):
            raise ValueError(f"weight must be a finite 1-d array, got shape {self.weight.shape}")
        self.ignore_index = check_ignore_index(ignore_index)
        self.reduction = check_reduction(reduction)
        self.label_smoothing = check_label_smoothing(label_smoothing)

    def _options(self) -> dict:
        return dict(
            weight=self.weight,
            ignore_index=self.ignore_index,
            reduction=self.reduction,
            label_smoothing=self.label_smoothing,
        )

    def __call__(self, input, target):
        return cross_entropy_loss(input, target, **self._options())

    forward = __call__

    def grad(self, input, target):
        """d(loss)/d(input), see :func:`xentdocs.cross_entropy_loss_grad`."""
        from .gradients import cross_entropy_loss_grad

        return cross_entropy_loss_grad(input, target, **self._options())


class NLLLoss(_LossModule):
    """Callable negative log likelihood loss mirroring ``torch.nn.NLLLoss``.

    Examples
    --------
    >>> import numpy as np
    >>> from xentdocs import NLLLoss, log_softmax
    >>> logits = np.array([[3.2, 5.1, -1.7], [1.3, 4.9, 2.0]])
    >>> float(NLLLoss()(log_softmax(logits, axis=1), [0, 1]))  # same as CrossEntropyLoss
    1.0597434655457596
    """

    def __init__(self, weight=None, ignore_index=-100, reduction="mean"):
        self.weight = None if weight is None else as_float_array(weight, "weight").copy()
        self.ignore_index = check_ignore_index(ignore_index)
        self.reduction = check_reduction(reduction)

    def _options(self) -> dict:
        return dict(weight=self.weight, ignore_index=self.ignore_index, reduction=self.reduction)

    def __call__(self, input, target):
        return nll_loss(input, target, **self._options())

    forward = __call__


class BCELoss(_LossModule):
    """Callable binary cross entropy on probabilities, mirroring ``torch.nn.BCELoss``.

    Examples
    --------
    >>> from xentdocs import BCELoss
    >>> float(BCELoss()([0.5, 0.5], [1.0, 0.0]))
    0.6931471805599453
    """

    def __init__(self, weight=None, reduction="mean"):
        self.weight = None if weight is None else as_float_array(weight, "weight").copy()
        self.reduction = check_reduction(reduction)

    def _options(self) -> dict:
        return dict(weight=self.weight, reduction=self.reduction)

    def __call__(self, input, target):
        return binary_cross_entropy(input, target, **self._options())

    forward = __call__


class BCEWithLogitsLoss(_LossModule):
    """Callable binary cross entropy on logits, mirroring ``torch.nn.BCEWithLogitsLoss``.

    Examples
    --------
    >>> from xentdocs import BCEWithLogitsLoss
    >>> float(BCEWithLogitsLoss(pos_weight=[2.0])([0.0], [1.0]))  # 2 log 2
    1.3862943611198906
    """

    def __init__(self, weight=None, reduction="mean", pos_weight=None):
        self.weight = None if weight is None else as_float_array(weight, "weight").copy()
        self.reduction = check_reduction(reduction)
        self.pos_weight = None if pos_weight is None else as_float_array(pos_weight, "pos_weight").copy()

    def _options(self) -> dict:
        return dict(weight=self.weight, reduction=self.reduction, pos_weight=self.pos_weight)

    def __call__(self, input, target):
        return binary_cross_entropy_with_logits(input, target, **self._options())

    forward = __call__
