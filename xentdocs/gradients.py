"""Analytic gradients of the cross entropy loss with respect to the logits, alone or with the loss."""

from __future__ import annotations

from . import _kernel as kernel


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
    problem = kernel.prepare(input, target, weight, ignore_index, reduction, label_smoothing, allow_soft=True)
    return kernel.cross_entropy_pass(problem, want_loss=False, want_grad=True)[1]


def cross_entropy_loss_and_grad(input, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    r"""The loss of :func:`cross_entropy_loss` and the gradient of :func:`cross_entropy_loss_grad`, in one pass.

    Parameters
    ----------
    input, target, weight, ignore_index, reduction, label_smoothing
        Exactly as in :func:`cross_entropy_loss`.

    Returns
    -------
    loss : numpy scalar or numpy.ndarray
        Exactly ``cross_entropy_loss(input, target, ...)``, bit for bit.
    grad : numpy.ndarray
        Exactly ``cross_entropy_loss_grad(input, target, ...)``, bit for bit: same shape and
        dtype as ``input``.

    Notes
    -----
    Both need the same row statistics, :math:`m_i = \max_c x_{ic}` and
    :math:`r_i = \sum_{c \ne \arg\max} e^{x_{ic} - m_i}`:

    .. math::
       \ell_{it} = \operatorname{log1p}(r_i) - (x_{it} - m_i), \qquad
       p_{ic} = \frac{e^{x_{ic} - m_i}}{1 + r_i},

    so one walk over the logits, block by cache-sized block, computes each row's
    :math:`e^{x - m}` once, reads the loss off it and turns it into the gradient
    (written straight into the returned array). The errors and dtype rules are those of
    :func:`cross_entropy_loss`.

    Examples
    --------
    >>> import numpy as np
    >>> from xentdocs import cross_entropy_loss, cross_entropy_loss_and_grad, softmax
    >>> z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    >>> loss, grad = cross_entropy_loss_and_grad(z, [2, 0])
    >>> bool(loss == cross_entropy_loss(z, [2, 0]))
    True
    >>> bool(np.allclose(grad, (softmax(z) - [[0, 0, 1], [1, 0, 0]]) / 2))  # mean over 2 rows
    True
    """
    problem = kernel.prepare(input, target, weight, ignore_index, reduction, label_smoothing, allow_soft=True)
    return kernel.cross_entropy_pass(problem, want_loss=True, want_grad=True)
