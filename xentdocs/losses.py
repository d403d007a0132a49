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

import math

import numpy as np

from . import _kernel as kernel
from .gradients import cross_entropy_loss_and_grad, cross_entropy_loss_grad
from .checks import (
    REDUCTIONS,
    as_float_array,
    check_ignore_index,
    check_label_smoothing,
    check_probabilities,
    check_reduction,
)


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
    problem = kernel.prepare(input, target, weight, ignore_index, reduction, 0.0, allow_soft=False)
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
    return kernel.reduce(problem.reduction, problem.dtype, per_element.sum(dtype=np.float64), denominator,
                         per_element, problem.batch_shape)


def _small_batch_loss(input, target, weight, ignore_index, reduction, label_smoothing):
    """The common small case in few NumPy calls, or None to take the general path.

    Covers an (N, C) float array that fits one block, integer targets all in
    range, no weight, no smoothing. Python overhead dominates such calls, so
    every check here is one reduction; anything unusual (an ignored target, a
    non-finite logit, which the general path reports precisely) falls back.
    Its values are those of the general path, operation for operation.
    """
    if not (
        type(input) is np.ndarray
        and input.ndim == 2
        and input.dtype in (np.float32, np.float64)
        and input.nbytes <= kernel.BLOCK_BYTES
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
    top = input.argmax(axis=1)
    m = input[kernel.arange(n_rows), top]
    if not math.isfinite(m.sum(dtype=np.float64)):
        return None
    e = input - m[:, None]
    target_shifted = e[kernel.arange(n_rows), target]  # x_t - m
    loss = np.log1p(kernel.exp_rest(e, top)) - target_shifted
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
    problem = kernel.prepare(input, target, weight, ignore_index, reduction, label_smoothing, allow_soft=True)
    return kernel.cross_entropy_pass(problem)[0]


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
    return kernel.reduce_elementwise(loss + 0.0, reduction)


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
    positive_term, negative_term = kernel.softplus_pair(z)  # -log sigmoid(z), -log(1 - sigmoid(z))
    if pw is not None:
        positive_term = pw * positive_term
    loss = y * positive_term + (1 - y) * negative_term
    if w is not None:
        loss = loss * w
    return kernel.reduce_elementwise(loss, reduction)


class _LossModule:
    """What every ``torch.nn``-style loss class shares: options validated once, a call, a repr.

    A subclass names its loss function (``_function``) and, if it takes more than
    ``weight`` and ``reduction``, validates the rest in its own ``__init__``. ``weight`` is
    checked here for every class: real, finite, and 1-d when ``_class_weight`` (one per class).
    """

    _function = None
    _class_weight = False

    def __init__(self, weight=None, reduction="mean"):
        self.weight = self._checked_weight(weight, "weight", one_per_class=self._class_weight)
        self.reduction = check_reduction(reduction)

    @staticmethod
    def _checked_weight(weight, name, *, one_per_class=False):
        if weight is None:
            return None
        w = as_float_array(weight, name).copy()
        if one_per_class and w.ndim != 1:
            raise ValueError(f"{name} must be a 1-d array with one weight per class, got shape {w.shape}")
        if not np.isfinite(w).all():
            raise ValueError(f"{name} must be finite, got {w}")
        return w

    def _options(self) -> dict:
        return dict(weight=self.weight, reduction=self.reduction)

    def __call__(self, input, target):
        return type(self)._function(input, target, **self._options())

    def forward(self, input, target):
        """Same as calling the loss (``torch.nn.Module`` spells it ``forward``)."""
        return self(input, target)

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
    >>> value, grad = loss.loss_and_grad(logits, [0, 1])  # both in one pass
    >>> bool(value == loss(logits, [0, 1])) and bool((grad == loss.grad(logits, [0, 1])).all())
    True
    """

    _function = staticmethod(cross_entropy_loss)
    _class_weight = True

    def __init__(self, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
        super().__init__(weight, reduction)
        self.ignore_index = check_ignore_index(ignore_index)
        self.label_smoothing = check_label_smoothing(label_smoothing)

    def _options(self) -> dict:
        return dict(
            weight=self.weight,
            ignore_index=self.ignore_index,
            reduction=self.reduction,
            label_smoothing=self.label_smoothing,
        )

    def grad(self, input, target):
        """d(loss)/d(input), see :func:`xentdocs.cross_entropy_loss_grad`."""
        return cross_entropy_loss_grad(input, target, **self._options())

    def loss_and_grad(self, input, target):
        """``(loss, d(loss)/d(input))`` in one pass, see :func:`xentdocs.cross_entropy_loss_and_grad`."""
        return cross_entropy_loss_and_grad(input, target, **self._options())


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

    _function = staticmethod(nll_loss)
    _class_weight = True

    def __init__(self, weight=None, ignore_index=-100, reduction="mean"):
        super().__init__(weight, reduction)
        self.ignore_index = check_ignore_index(ignore_index)

    def _options(self) -> dict:
        return dict(weight=self.weight, ignore_index=self.ignore_index, reduction=self.reduction)


class BCELoss(_LossModule):
    """Callable binary cross entropy on probabilities, mirroring ``torch.nn.BCELoss``.

    Examples
    --------
    >>> from xentdocs import BCELoss
    >>> float(BCELoss()([0.5, 0.5], [1.0, 0.0]))
    0.6931471805599453
    """

    _function = staticmethod(binary_cross_entropy)


class BCEWithLogitsLoss(_LossModule):
    """Callable binary cross entropy on logits, mirroring ``torch.nn.BCEWithLogitsLoss``.

    Examples
    --------
    >>> from xentdocs import BCEWithLogitsLoss
    >>> float(BCEWithLogitsLoss(pos_weight=[2.0])([0.0], [1.0]))  # 2 log 2
    1.3862943611198906
    """

    _function = staticmethod(binary_cross_entropy_with_logits)

    def __init__(self, weight=None, reduction="mean", pos_weight=None):
        super().__init__(weight, reduction)
        self.pos_weight = self._checked_weight(pos_weight, "pos_weight")

    def _options(self) -> dict:
        return dict(weight=self.weight, reduction=self.reduction, pos_weight=self.pos_weight)
