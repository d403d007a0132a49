"""Cross entropy of a linear layer's output, without ever holding all of its logits.

A language model's last layer maps each of N token states :math:`x_i \\in \\mathbb{R}^D` to
:math:`V` logits, :math:`z_i = W x_i + b`, and the loss is the cross entropy of those logits.
With a vocabulary of 32k-256k classes the (N, V) logits are the largest array of training.
The functions here take ``x``, ``W`` and ``b`` instead of the logits and walk the batch in
chunks of rows: each chunk's logits are made (one matrix product), turned into that chunk's
losses and, for the gradient, into the chunk's share of every gradient, then overwritten by
the next chunk. Each row's logits are complete inside its chunk, so every row gets exactly the
loss :func:`xentdocs.cross_entropy_loss` computes from them, with the same accuracy.
"""

from __future__ import annotations

import numbers

import numpy as np

from . import _kernel as kernel
from .checks import as_float_array

# chunk_size=None: one chunk of logits takes at most this share of the full (N, V) logits ...
_CHUNK_FRACTION = 32
# ... and at most this many bytes; but at least _CHUNK_BYTES_MIN (or a single row), so that
# a small problem is not cut into chunks too small to amortise Python.
_CHUNK_BYTES_MAX = 32 * 2**20
_CHUNK_BYTES_MIN = 2**20
# The weight gradient is accumulated chunk by chunk through a buffer of at most this many bytes.
_ACCUMULATE_BYTES = 2**20

_LOGITS = "logits (input @ linear_weight.T + linear_bias)"


def _finite(a: np.ndarray, name: str) -> np.ndarray:
    if not np.isfinite(a).all():
        bad = a[~np.isfinite(a)].flat[0]
        raise ValueError(f"{name} must be finite, got {bad!r} at index {tuple(int(i) for i in np.argwhere(~np.isfinite(a))[0])}")
    return a


def _check_chunk_size(chunk_size, n_rows: int, num_classes: int, itemsize: int) -> int:
    if chunk_size is None:
        logits_bytes = n_rows * num_classes * itemsize
        budget = max(_CHUNK_BYTES_MIN, min(_CHUNK_BYTES_MAX, logits_bytes // _CHUNK_FRACTION))
        return max(1, min(n_rows, budget // (num_classes * itemsize)))
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, numbers.Integral) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive integer (rows per chunk) or None, got {chunk_size!r}")
    return int(chunk_size)


def _prepare(input, linear_weight, target, linear_bias, weight, reduction, ignore_index, label_smoothing,
             chunk_size):
    x = as_float_array(input, "input")
    w = as_float_array(linear_weight, "linear_weight")
    if x.ndim not in (1, 2):
        raise ValueError(f"input must have shape (D,) or (N, D), got shape {x.shape}")
    if w.ndim != 2:
        raise ValueError(f"linear_weight must have shape (V, D), got shape {w.shape}")
    if w.shape[1] != x.shape[-1]:
        raise ValueError(
            f"linear_weight must have shape (V, {x.shape[-1]}) to match input's D = {x.shape[-1]} features, "
            f"got shape {w.shape}"
        )
    if w.shape[0] == 0:
        raise ValueError(f"linear_weight must have at least one row (class), got shape {w.shape}")
    arrays = [x, w]
    b = None
    if linear_bias is not None:
        b = as_float_array(linear_bias, "linear_bias")
        if b.shape != (w.shape[0],):
            raise ValueError(f"linear_bias must have shape ({w.shape[0]},), one per row of linear_weight, got shape {b.shape}")
        arrays.append(b)
    dtype = np.result_type(*arrays)
    x, w = _finite(x, "input").astype(dtype, copy=False), _finite(w, "linear_weight").astype(dtype, copy=False)
    if b is not None:
        b = _finite(b, "linear_bias").astype(dtype, copy=False)
    shape = (w.shape[0],) if x.ndim == 1 else (x.shape[0], w.shape[0])
    problem = kernel.prepare_options(shape, dtype, target, weight, ignore_index, reduction, label_smoothing,
                                     allow_soft=True, logits_name="logits")
    problem.name = _LOGITS
    x2 = x[None, :] if x.ndim == 1 else x
    chunk = _check_chunk_size(chunk_size, x2.shape[0], w.shape[0], dtype.itemsize)
    return problem, x2, w, b, chunk


def _accumulate(grad_w: np.ndarray, g: np.ndarray, x: np.ndarray, buffer: np.ndarray) -> None:
    """``grad_w += g.T @ x``, a block of ``grad_w``'s rows at a time through ``buffer``.

    NumPy's matrix product cannot add into its output (BLAS's ``beta = 1``), and a product the
    size of ``grad_w`` would cost as much memory as the gradient itself.
    """
    step = buffer.shape[0]
    for v0 in range(0, grad_w.shape[0], step):
        part = np.matmul(g[:, v0 : v0 + step].T, x, out=buffer[: min(step, grad_w.shape[0] - v0)])
        grad_w[v0 : v0 + step] += part


def _linear_pass(problem, x, w, b, chunk, *, want_grad):
    """The reduced loss and, with ``want_grad``, the gradients, one chunk of rows at a time."""
    n_rows, num_classes = x.shape[0], w.shape[0]
    dtype = problem.dtype
    if problem.soft:
        denominator = float(n_rows)
        scale = kernel.grad_scales(problem) if want_grad else None
    else:
        _, _, denominator = kernel.index_row_weights(problem)
        scale = kernel.grad_scales(problem, denominator=denominator)[:, 0] if want_grad else None
    per_element = np.empty(n_rows, dtype) if problem.reduction == "none" else None
    logits = np.empty((min(chunk, n_rows), num_classes), dtype)  # the one chunk-sized buffer
    if want_grad:
        grad_x = np.zeros_like(x)
        grad_w = np.zeros_like(w)
        grad_b = None if b is None else np.zeros_like(b)
        rows_per_part = max(1, min(num_classes, _ACCUMULATE_BYTES // max(1, x.shape[1] * dtype.itemsize)))
        part = np.empty((rows_per_part, x.shape[1]), dtype)
    total = 0.0
    for r0 in range(0, n_rows, chunk):
        r1 = min(r0 + chunk, n_rows)
        xc = x[r0:r1]
        z = np.matmul(xc, w.T, out=logits[: r1 - r0])
        if b is not None:
            z += b
        if problem.soft:
            loss, g = kernel.soft_rows(problem, z, problem.target[r0:r1, :, 0], grad_scale=scale, out=z)
        else:
            loss, g = kernel.index_rows(problem, z, problem.target[r0:r1, 0],
                                        grad_scale=None if scale is None else scale[r0:r1], out=z)
        total += loss.sum(dtype=np.float64)
        if per_element is not None:
            per_element[r0:r1] = loss
        if want_grad:  # g is dL/dz of the chunk, in the logits buffer
            np.matmul(g, w, out=grad_x[r0:r1])
            if r0 == 0:
                np.matmul(g.T, xc, out=grad_w)
            else:
                _accumulate(grad_w, g, xc, part)
            if grad_b is not None:
                grad_b += g.sum(axis=0)
    loss = kernel.reduce(problem.reduction, dtype, total, denominator, per_element, problem.batch_shape)
    if not want_grad:
        return loss
    return loss, grad_x.reshape(problem.shape[:-1] + (x.shape[1],)), grad_w, grad_b


def linear_cross_entropy(input, linear_weight, target, *, linear_bias=None, weight=None, reduction="mean",
                         ignore_index=-100, label_smoothing=0.0, chunk_size=None):
    r"""Cross entropy of a linear layer's logits, computed chunk by chunk, as
    ``torch.nn.functional.linear_cross_entropy``.

    Equals ``cross_entropy_loss(input @ linear_weight.T + linear_bias, target, ...)``, but the
    (N, V) logits are never held at once: only ``chunk_size`` rows of them at a time.

    Parameters
    ----------
    input : array_like
        The layer's inputs :math:`x_i`, shape ``(N, D)``, or ``(D,)`` for one sample. Finite.
    linear_weight : array_like
        :math:`W`, shape ``(V, D)`` (as ``torch.nn.Linear(D, V).weight`` stores it). Finite.
    target : array_like
        Class indices, shape ``(N,)`` (``()`` for a ``(D,)`` input), or class probabilities
        of the logits' shape ``(N, V)`` (``(V,)``).
    linear_bias : array_like, optional
        :math:`b`, shape ``(V,)``. Default: no bias.
    weight, reduction, ignore_index, label_smoothing
        As in :func:`cross_entropy_loss`: a weight per class, ``'mean'``/``'sum'``/``'none'``,
        the ignored target value, the smoothing :math:`\varepsilon \in [0, 1]`.
    chunk_size : int, optional
        Rows of logits made at a time. Default None: the most rows whose logits take at most
        1/32 of what the full (N, V) logits would (and at most 32 MiB; at least 1 MiB or one
        row). With class-index targets, the memory this function uses beyond its arguments
        and its result is then about one such chunk: about 3 % of the full logits for large
        problems. Any positive integer gives the same loss up to the rounding of the matrix
        product (see Notes).

    Returns
    -------
    numpy scalar or numpy.ndarray
        The loss; for ``'none'`` one value per row, shape ``(N,)`` (``()`` for a ``(D,)``
        input). The dtype is that of ``input``, ``linear_weight`` and ``linear_bias``
        together (float32 if all are float32).

    Notes
    -----
    With :math:`z_i = W x_i + b`, the loss is that of :func:`cross_entropy_loss` on the
    logits :math:`z`; for class-index targets and no smoothing,

    .. math::
       L = \frac{\sum_i k_i\, w_{t_i} \big(\operatorname{log1p}(r_i) - (z_{i t_i} - m_i)\big)}
                {\sum_i k_i\, w_{t_i}},
       \qquad m_i = \max_c z_{ic},\; r_i = \sum_{c \ne \arg\max} e^{z_{ic} - m_i}.

    Chunks are cut along the batch (rows), so each row's :math:`m_i` and :math:`r_i` come
    from its whole row of logits and the log-sum-exp is exactly as stable as in
    :func:`cross_entropy_loss`. The only effect of ``chunk_size`` is on the matrix product:
    BLAS may sum the :math:`D` products of a logit in another order for another number of
    rows, which moves a logit by a few :math:`\epsilon \sum_j |x_j W_{cj}|`.

    PyTorch's reference path (``options=None``) makes the full logits; its chunked path
    (``options=torch.nn.LinearCrossEntropyOptions()``) does not, but supports neither
    label smoothing nor probability targets (it falls back to the reference path). This
    function chunks in every case.

    Examples
    --------
    >>> import numpy as np
    >>> from xentdocs import cross_entropy_loss, linear_cross_entropy
    >>> x = np.array([[1.0, 2.0], [0.5, -1.0], [3.0, 0.0]])
    >>> W = np.array([[0.2, -0.1], [0.0, 0.4], [-0.3, 0.1]])
    >>> float(linear_cross_entropy(x, W, [1, 0, 2], chunk_size=2))
    1.1575731902
    >>> float(cross_entropy_loss(x @ W.T, [1, 0, 2]))  # the same, from the full logits
    1.1575731902
    """
    problem, x, w, b, chunk = _prepare(input, linear_weight, target, linear_bias, weight, reduction,
                                       ignore_index, label_smoothing, chunk_size)
    return _linear_pass(problem, x, w, b, chunk, want_grad=False)


def linear_cross_entropy_and_grad(input, linear_weight, target, *, linear_bias=None, weight=None,
                                  reduction="mean", ignore_index=-100, label_smoothing=0.0, chunk_size=None):
    r"""The loss of :func:`linear_cross_entropy` and its gradients, chunk by chunk.

    Neither the (N, V) logits nor their gradient is ever held at once.

    Parameters
    ----------
    input, linear_weight, target, linear_bias, weight, reduction, ignore_index, label_smoothing, chunk_size
        As in :func:`linear_cross_entropy`.

    Returns
    -------
    loss : numpy scalar or numpy.ndarray
        As :func:`linear_cross_entropy` returns it.
    grad_input : numpy.ndarray
        :math:`\partial L / \partial x`, the shape of ``input``.
    grad_linear_weight : numpy.ndarray
        :math:`\partial L / \partial W`, shape ``(V, D)``.
    grad_linear_bias : numpy.ndarray or None
        :math:`\partial L / \partial b`, shape ``(V,)``; None when ``linear_bias`` is None.

    For ``reduction='none'`` the gradients are those of the sum of the per-row losses
    (PyTorch's ``loss.sum().backward()``). When every target is ignored, the 'mean' loss is
    NaN (0/0) and the gradients are 0, as with PyTorch's reference path (its chunked path
    returns NaN gradients there).

    Notes
    -----
    With :math:`G = \partial L / \partial z` (the gradient of :func:`cross_entropy_loss_grad`,
    one row per sample: softmax minus the smoothed, weighted target, scaled by the
    reduction),

    .. math::
       \frac{\partial L}{\partial x} = G\,W, \qquad
       \frac{\partial L}{\partial W} = G^{\top} X, \qquad
       \frac{\partial L}{\partial b} = \textstyle\sum_i G_{i\cdot}.

    A chunk's rows of :math:`G` are computed over the chunk's logits, in place; they give
    the chunk's rows of :math:`\partial L/\partial x` at once, and their share of
    :math:`\partial L/\partial W` is added in blocks of at most 1 MiB. The 'mean' divisor
    depends only on the targets, so it is known before the first chunk and one pass does it
    all. Besides the chunk of logits, the memory used is a few arrays of N or V numbers.

    Examples
    --------
    >>> import numpy as np
    >>> from xentdocs import cross_entropy_loss_grad, linear_cross_entropy_and_grad
    >>> x = np.array([[1.0, 2.0], [0.5, -1.0], [3.0, 0.0]])
    >>> W = np.array([[0.2, -0.1], [0.0, 0.4], [-0.3, 0.1]])
    >>> b = np.array([0.0, 0.1, -0.1])
    >>> loss, gx, gW, gb = linear_cross_entropy_and_grad(x, W, [1, 0, 2], linear_bias=b, chunk_size=2)
    >>> G = cross_entropy_loss_grad(x @ W.T + b, [1, 0, 2])  # dL/dz from the full logits
    >>> bool(np.allclose(gx, G @ W) and np.allclose(gW, G.T @ x) and np.allclose(gb, G.sum(axis=0)))
    True
    >>> gx.shape, gW.shape, gb.shape
    ((3, 2), (3, 2), (3,))
    """
    problem, x, w, b, chunk = _prepare(input, linear_weight, target, linear_bias, weight, reduction,
                                       ignore_index, label_smoothing, chunk_size)
    return _linear_pass(problem, x, w, b, chunk, want_grad=True)
