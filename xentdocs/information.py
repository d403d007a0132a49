"""Information theory on discrete distributions: surprisal, entropy, cross entropy, KL.

Distributions lie along the last axis. Logarithms are natural (nats) unless
``base`` is given (``base=2`` for bits). The conventions are the limits:
``0 * log 0 = 0``, and an outcome with ``P(x) > 0`` but ``Q(x) = 0`` makes the
cross entropy and the KL divergence ``+inf``.
"""

from __future__ import annotations

import numpy as np

from .checks import check_base, check_distribution, check_probabilities


def _in_base(value, log_base):
    out = value if log_base is None else value / log_base
    return out[()] if isinstance(out, np.ndarray) else out


def _pair(p, q):
    p = check_distribution(p, "p")
    q = check_distribution(q, "q")
    if p.shape[-1] != q.shape[-1]:
        raise ValueError(f"p and q must have the same number of outcomes, got p of shape {p.shape} and q of shape {q.shape}")
    try:
        p, q = np.broadcast_arrays(p, q)
    except ValueError as exc:
        raise ValueError(f"p of shape {p.shape} and q of shape {q.shape} do not broadcast") from exc
    dtype = np.result_type(p, q)
    return p.astype(dtype, copy=False), q.astype(dtype, copy=False)


def information_content(p, base=None):
    r"""Information content (surprisal) of an outcome of probability ``p``: :math:`h(p) = -\log p`.

    Parameters
    ----------
    p : array_like
        Probabilities in [0, 1], elementwise.
    base : float, optional
        Logarithm base; None (default) for nats, 2 for bits.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`-\log_b p`, same shape as ``p``; ``+inf`` where ``p = 0``.

    Notes
    -----
    .. math:: h(x) = \log \frac{1}{P(x)} = -\log P(x)

    Rare outcomes carry more information: a fair coin flip is 1 bit, a 1-in-8 event 3 bits.

    Examples
    --------
    >>> from xentdocs import information_content
    >>> float(information_content(0.5, base=2))
    1.0
    >>> information_content([1.0, 0.125], base=2)
    array([0., 3.])
    """
    p = check_probabilities(p, "p")
    log_base = check_base(base)
    with np.errstate(divide="ignore"):
        h = -np.log(p)
    return _in_base(h + 0.0, log_base)  # + 0.0 turns -0.0 (p = 1) into 0.0


def entropy(p, base=None):
    r"""Shannon entropy :math:`H(P) = -\sum_x P(x) \log P(x)` along the last axis.

    Parameters
    ----------
    p : array_like
        Distribution(s): non-negative, summing to 1 along the last axis.
    base : float, optional
        Logarithm base; None (default) for nats, 2 for bits.

    Returns
    -------
    numpy.ndarray or numpy scalar
        The entropy of each distribution (the last axis is reduced).

    Notes
    -----
    .. math:: H(P) = \mathbb{E}_{x \sim P}\,[h(x)] = -\sum_x P(x)\log P(x), \qquad 0 \log 0 = 0.

    It is the average surprisal of outcomes drawn from :math:`P`, and a lower
    bound on the average code length (in bits for ``base=2``) of any lossless
    code; coding long blocks of outcomes approaches it.

    Examples
    --------
    >>> from xentdocs import entropy
    >>> float(entropy([0.5, 0.5], base=2))
    1.0
    >>> float(entropy([1.0, 0.0]))  # a certain outcome carries no information
    0.0
    """
    p = check_distribution(p, "p")
    log_base = check_base(base)
    positive = p > 0
    log_p = np.log(p, out=np.zeros_like(p), where=positive)
    return _in_base(-(p * log_p).sum(axis=-1) + 0.0, log_base)


def cross_entropy(p, q, base=None):
    r"""Cross entropy :math:`H(P;Q) = -\sum_x P(x) \log Q(x)` along the last axis.

    Parameters
    ----------
    p : array_like
        The true distribution(s) :math:`P`.
    q : array_like
        The approximating distribution(s) :math:`Q`, broadcastable against ``p``.
    base : float, optional
        Logarithm base; None (default) for nats, 2 for bits.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`H(P;Q)`; ``+inf`` if some :math:`P(x) > 0` has :math:`Q(x) = 0`.

    Notes
    -----
    .. math::
       H(P;Q) = \mathbb{E}_{x \sim P}\,[h_Q(x)]
              = \sum_x P(x) \log\frac{1}{Q(x)}
              = H(P) + D_{\mathrm{KL}}(P \,\|\, Q) \ge H(P),

    the average information needed to encode outcomes of :math:`P` with a code
    built for :math:`Q`. Equality holds only at :math:`Q = P` (Gibbs' inequality).
    It is not symmetric: :math:`H(P;Q) \ne H(Q;P)` in general.

    Examples
    --------
    >>> from xentdocs import cross_entropy, entropy
    >>> p, q = [0.5, 0.5], [0.9, 0.1]
    >>> round(float(cross_entropy(p, q, base=2)), 6)
    1.736966
    >>> bool(cross_entropy(p, p) == entropy(p))
    True
    >>> float(cross_entropy([0.5, 0.5], [1.0, 0.0]))
    inf
    """
    p, q = _pair(p, q)
    log_base = check_base(base)
    positive = p > 0
    with np.errstate(divide="ignore"):
        log_q = np.log(q, out=np.zeros_like(q), where=positive)
    return _in_base(-(p * log_q).sum(axis=-1) + 0.0, log_base)


def kl_divergence(p, q, base=None):
    r"""Kullback-Leibler divergence :math:`D_{\mathrm{KL}}(P\,\|\,Q) = \sum_x P(x)\log\frac{P(x)}{Q(x)}`.

    Parameters
    ----------
    p : array_like
        The true distribution(s) :math:`P`.
    q : array_like
        The approximating distribution(s) :math:`Q`, broadcastable against ``p``.
    base : float, optional
        Logarithm base; None (default) for nats, 2 for bits.

    Returns
    -------
    numpy.ndarray or numpy scalar
        Non-negative; 0 exactly when :math:`Q = P`; ``+inf`` if some
        :math:`P(x) > 0` has :math:`Q(x) = 0`.

    Notes
    -----
    .. math:: D_{\mathrm{KL}}(P\,\|\,Q) = H(P;Q) - H(P) \ge 0 .

    It is the extra information paid for using :math:`Q` in place of :math:`P`;
    since :math:`H(P)` does not depend on :math:`Q`, minimising the cross entropy
    over :math:`Q` is minimising this divergence. Each term is computed as
    :math:`P \log(P/Q)`, which stays accurate when :math:`Q \approx P`.

    Examples
    --------
    >>> from xentdocs import kl_divergence
    >>> float(kl_divergence([0.5, 0.5], [0.5, 0.5]))
    0.0
    >>> round(float(kl_divergence([0.5, 0.5], [0.9, 0.1], base=2)), 6)
    0.736966
    """
    p, q = _pair(p, q)
    log_base = check_base(base)
    positive = p > 0
    with np.errstate(divide="ignore", over="ignore"):
        ratio = np.divide(p, q, out=np.ones_like(p), where=positive)
        log_ratio = np.log(ratio)
        # p / q overflowed although q > 0 (q subnormal): the difference of logs is still finite
        overflowed = np.isposinf(ratio) & (q > 0)
        if overflowed.any():
            log_ratio[overflowed] = np.log(p[overflowed]) - np.log(q[overflowed])
    # Rounding can push a sum of terms that cancel a hair below 0; the true value never is.
    return _in_base(np.maximum((p * log_ratio).sum(axis=-1), 0.0), log_base)
