"""Analytic gradients of the cross entropy loss with respect to the logits."""

from __future__ import annotations

import numpy as np

from .losses import _blocks, _block_stats, _prepare, _rows, _smoothed_weighted_target


def _softmax_rows(z: np.ndarray) -> np.ndarray:
    """Row softmax of a block, as a fresh temporary."""
    _, _, e = _block_stats(z)
    np.exp(e, out=e)
    e /= e.sum(axis=1, keepdims=True)
    return e


def cross_entropy_loss_grad(input, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    r"""Gradient of :func:`cross_entropy_loss` with respect to its ``input`` (the logits).

    Parameters
    ----------
    input, target, weight, ignore_index, reduction, label_smoothing
        Exactly as in :func:`cross_entropy_loss`.

    Returns
    -------
    numpy.ndarray
        :math:`\partial L / \partial x`, same shape and dtype as ``input``. For
        ``reduction='none'`` it is the gradient of the *sum* of the per-element
        losses.

    Notes
    -----
    With :math:`p_i = \operatorname{softmax}(x_i)` and the notation of
    :func:`cross_entropy_loss`, the gradient is "softmax minus the smoothed,
    weighted target". For class-index targets

    .. math::
       \frac{\partial L}{\partial x_{ic}} = \frac{k_i}{D}\Big[
         \big((1-\varepsilon) w_{t_i} + \tfrac{\varepsilon}{C}\textstyle\sum_j w_j\big)\, p_{ic}
         - (1-\varepsilon)\, w_{t_i} [c = t_i] - \tfrac{\varepsilon}{C}\, w_c \Big],

    with :math:`D = \sum_i k_i w_{t_i}` for 'mean' and :math:`D = 1` otherwise;
    unweighted and unsmoothed this is :math:`(p_i - \operatorname{onehot}(t_i))/D`.
    When every target is ignored the 'mean' loss is NaN and its gradient is 0
    (PyTorch's autograd gives the same). For probability targets,
    with :math:`u_{ic} = w_c q'_{ic}`,

    .. math::
       \frac{\partial L}{\partial x_{ic}} = \frac{1}{D}\Big[\big(\textstyle\sum_j u_{ij}\big)\, p_{ic} - u_{ic}\Big],

    with :math:`D` the number of elements for 'mean'.

    Examples
    --------
    >>> import numpy as np
    >>> from xentdocs import cross_entropy_loss_grad, softmax
    >>> z = np.array([[1.0, 2.0, 3.0]])
    >>> g = cross_entropy_loss_grad(z, [2])
    >>> bool(np.allclose(g, softmax(z) - [0, 0, 1]))
    True
    >>> bool(abs(g.sum()) < 1e-15)  # each row of the gradient sums to 0, up to rounding
    True
    """
    problem = _prepare(input, target, weight, ignore_index, reduction, label_smoothing, allow_soft=True)
    n_total, num_classes, s_total = problem.x3.shape
    eps, w = problem.label_smoothing, problem.weight
    grad3 = np.empty(problem.x3.shape, problem.dtype)

    if problem.soft:
        scale = 1.0 / (n_total * s_total) if problem.reduction == "mean" and n_total * s_total else 1.0
        for n, s in _blocks(problem):
            p = _softmax_rows(_rows(problem.x3, n, s))
            u = _smoothed_weighted_target(problem, _rows(problem.target, n, s))
            g = p * u.sum(axis=1, keepdims=True)
            g -= u
            g *= scale
            _store(grad3, n, s, g)
        return grad3.reshape(_full_shape(problem))

    targets = problem.target
    keep = targets != problem.ignore_index
    t_safe = np.where(keep, targets, 0)
    target_weight = np.ones(targets.shape, problem.dtype) if w is None else w[t_safe]
    row_weight = np.where(keep, target_weight, 0)
    if problem.reduction == "mean":
        denominator = row_weight.sum(dtype=np.float64)
        # every target ignored: the loss is 0/0 = NaN, and its gradient is taken as 0
        row_scale = keep / denominator if denominator != 0 else np.zeros(targets.shape)
    else:
        row_scale = keep.astype(np.float64)
    weight_total = num_classes if w is None else w.sum(dtype=np.float64)
    class_weight = np.ones(num_classes, problem.dtype) if w is None else w

    for n, s in _blocks(problem):
        p = _softmax_rows(_rows(problem.x3, n, s))
        rows = np.arange(p.shape[0])
        scale = row_scale[n, s].reshape(-1).astype(problem.dtype)
        t = t_safe[n, s].reshape(-1)
        hit = (1 - eps) * target_weight[n, s].reshape(-1)
        p *= ((hit + eps / num_classes * weight_total) * scale)[:, None].astype(problem.dtype)
        p[rows, t] -= (hit * scale).astype(problem.dtype)
        if eps > 0:
            p -= (eps / num_classes) * np.outer(scale, class_weight).astype(problem.dtype)
        _store(grad3, n, s, p)
    return grad3.reshape(_full_shape(problem))


def _full_shape(problem) -> tuple:
    batch = problem.batch_shape
    if not batch:
        return (problem.num_classes,)
    return (batch[0], problem.num_classes) + batch[1:]


def _store(grad3: np.ndarray, n, s, g: np.ndarray) -> None:
    """Write a (rows, C) block back into the (N, C, S) gradient."""
    target = grad3[n, :, s]
    target[...] = g.reshape(target.shape[0], target.shape[2], target.shape[1]).transpose(0, 2, 1)
