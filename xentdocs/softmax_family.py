"""Softmax and its relatives, computed without overflow.

Every function here shifts by the maximum before exponentiating, so
``exp`` never sees a positive argument. The largest term, ``exp(0) = 1``, is
kept out of the sum and added back with ``log1p``: that keeps log-softmax
values near zero (confident predictions) accurate to a few ulp instead of
rounding them to exactly 0.
"""

from __future__ import annotations

import numpy as np

from . import _kernel as kernel
from .checks import as_float_array, check_axis


def _prepared(x, axis):
    """``x`` validated, and the reduction axis as an int."""
    x = as_float_array(x, "x")
    if x.ndim == 0:
        raise ValueError("x must have at least 1 dimension, got a 0-d array")
    return x, check_axis(axis, x.ndim)


def _as_rows(x: np.ndarray, axis: int):
    """``x`` with ``axis`` moved last and flattened to rows (a view when it already is last),
    and the moved shape."""
    moved = np.moveaxis(x, axis, -1)
    return moved.reshape(-1, moved.shape[-1]), moved.shape


def _from_rows(rows: np.ndarray, moved_shape: tuple, axis: int) -> np.ndarray:
    return np.moveaxis(rows.reshape(moved_shape), -1, axis)


def logsumexp(x, axis=-1):
    r"""Logarithm of the sum of exponentials, :math:`\log \sum_j e^{x_j}`.

    Parameters
    ----------
    x : array_like
        Real values; ``-inf`` entries contribute nothing.
    axis : int, optional
        Axis to reduce over. Default -1.

    Returns
    -------
    numpy.ndarray or numpy scalar
        ``x`` reduced over ``axis``; float32 for float32 input, float64 otherwise.

    Notes
    -----
    With :math:`m = \max_j x_j` and :math:`r = \sum_{j \ne \arg\max} e^{x_j - m}`,

    .. math:: \operatorname{logsumexp}(x) = m + \operatorname{log1p}(r),

    which never overflows. A slice of only ``-inf`` gives ``-inf`` (log of 0).
    NaN or ``+inf`` raise ``ValueError``.

    Examples
    --------
    >>> import numpy as np
    >>> from xentdocs import logsumexp
    >>> float(logsumexp([0.0, 0.0]))  # log 2
    0.6931471805599453
    >>> float(logsumexp([1000.0, 1000.0]))  # naive exp would overflow
    1000.6931471805599
    """
    x, axis = _prepared(x, axis)
    if x.shape[axis] == 0:  # the log of an empty sum
        return np.full(x.shape[:axis] + x.shape[axis + 1 :], -np.inf, x.dtype)[()]
    z, moved_shape = _as_rows(x, axis)
    m, top, e = kernel.shifted_rows(z, name="x", allow_all_neg_inf=True)
    return (m + np.log1p(kernel.exp_rest(e, top))).reshape(moved_shape[:-1])[()]


def log_softmax(x, axis=-1):
    r"""Logarithm of the softmax, :math:`x_i - \log \sum_j e^{x_j}`, computed stably.

    Parameters
    ----------
    x : array_like
        Logits. ``-inf`` is allowed (a masked entry: log-probability ``-inf``).
    axis : int, optional
        The class axis. Default -1.

    Returns
    -------
    numpy.ndarray
        Log-probabilities, same shape as ``x``; float32 for float32 input.

    Notes
    -----
    .. math:: \log\operatorname{softmax}(x)_i = (x_i - m) - \operatorname{log1p}(r),
       \qquad m = \max_j x_j,\; r = \sum_{j \ne \arg\max} e^{x_j - m}.

    Subtracting ``m`` first and ``log1p(r)`` second matters: ``x - (m + log s)``
    would lose about ``eps * |m|`` to rounding.

    Raises ``ValueError`` for NaN, ``+inf``, or a slice that is entirely ``-inf``.

    Examples
    --------
    >>> from xentdocs import log_softmax
    >>> log_softmax([0.0, 0.0]).round(6)
    array([-0.693147, -0.693147])
    >>> log_softmax([50.0, 0.0])[0]  # tiny but not rounded to 0
    np.float64(-1.9287498479639178e-22)
    """
    x, axis = _prepared(x, axis)
    if x.size == 0:
        return x.copy()
    z, moved_shape = _as_rows(x, axis)
    _, top, shifted = kernel.shifted_rows(z, name="x")
    rest = kernel.exp_rest(shifted.copy(), top)
    shifted -= np.log1p(rest)[:, None]
    return _from_rows(shifted, moved_shape, axis)


def softmax(x, axis=-1):
    r"""Softmax, :math:`e^{x_i} / \sum_j e^{x_j}`: turns scores into a probability distribution.

    Parameters
    ----------
    x : array_like
        Logits (scores). ``-inf`` is allowed and gets probability 0.
    axis : int, optional
        The class axis. Default -1.

    Returns
    -------
    numpy.ndarray
        Non-negative values that sum to 1 along ``axis``; same shape as ``x``.

    Notes
    -----
    .. math:: \operatorname{softmax}(x)_i = \frac{e^{x_i - m}}{\sum_j e^{x_j - m}},
       \qquad m = \max_j x_j .

    The shift by ``m`` changes nothing mathematically (it cancels) but keeps
    every exponent at most 0, so nothing overflows.

    Examples
    --------
    >>> from xentdocs import softmax
    >>> softmax([1.0, 2.0, 3.0]).round(4)
    array([0.09  , 0.2447, 0.6652])
    >>> softmax([1000.0, 0.0, -float("inf")])
    array([1., 0., 0.])
    """
    x, axis = _prepared(x, axis)
    if x.size == 0:
        return x.copy()
    z, moved_shape = _as_rows(x, axis)
    return _from_rows(kernel.softmax_rows(z, name="x"), moved_shape, axis)


def sigmoid(z):
    r"""Logistic sigmoid, :math:`\sigma(z) = 1 / (1 + e^{-z})`.

    Parameters
    ----------
    z : array_like
        Logits; ``±inf`` give 1 and 0.

    Returns
    -------
    numpy.ndarray or numpy scalar
        Values in [0, 1], same shape as ``z``.

    Notes
    -----
    The sigmoid is the two-class softmax: :math:`\sigma(z) = \operatorname{softmax}([z, 0])_0`.
    It is evaluated as :math:`1/(1+e^{-|z|})` or :math:`e^{-|z|}/(1+e^{-|z|})` depending on the sign
    of ``z``, so ``exp`` never overflows.

    Examples
    --------
    >>> import numpy as np
    >>> from xentdocs import sigmoid, softmax
    >>> float(sigmoid(0.0))
    0.5
    >>> bool(np.isclose(sigmoid(2.0), softmax([2.0, 0.0])[0]))
    True
    """
    z = as_float_array(z, "z")
    if np.isnan(z).any():
        raise ValueError("z contains NaN")
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))[()]


def log_sigmoid(z):
    r"""Logarithm of the sigmoid, :math:`\log\sigma(z) = -\operatorname{softplus}(-z)`, computed stably.

    Parameters
    ----------
    z : array_like
        Logits.

    Returns
    -------
    numpy.ndarray or numpy scalar
        Values at most 0, same shape as ``z``.

    Notes
    -----
    .. math:: \log\sigma(z) = -\left(\operatorname{log1p}(e^{-|z|}) + \max(-z, 0)\right)

    Examples
    --------
    >>> from xentdocs import log_sigmoid
    >>> float(log_sigmoid(-1000.0))  # log(1/(1+e^1000)) = -1000 up to rounding
    -1000.0
    >>> float(log_sigmoid(40.0))  # -e^-40, not 0
    -4.248354255291589e-18
    """
    z = as_float_array(z, "z")
    if np.isnan(z).any():
        raise ValueError("z contains NaN")
    return (-kernel.softplus_pair(z)[0])[()]
