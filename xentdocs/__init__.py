"""xentdocs: cross entropy, softmax and their relatives in NumPy, with PyTorch's exact semantics.

The core needs only NumPy. ``xentdocs.plotting`` (figures for the site) needs matplotlib.
"""

from .gradients import cross_entropy_loss_and_grad, cross_entropy_loss_grad
from .linear import linear_cross_entropy, linear_cross_entropy_and_grad
from .information import cross_entropy, entropy, information_content, kl_divergence
from .losses import (
    BCELoss,
    BCEWithLogitsLoss,
    CrossEntropyLoss,
    NLLLoss,
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy_loss,
    nll_loss,
)
from .softmax_family import log_sigmoid, log_softmax, logsumexp, sigmoid, softmax

__version__ = "0.1.0"

__all__ = [
    "softmax",
    "log_softmax",
    "logsumexp",
    "sigmoid",
    "log_sigmoid",
    "information_content",
    "entropy",
    "cross_entropy",
    "kl_divergence",
    "nll_loss",
    "cross_entropy_loss",
    "cross_entropy_loss_grad",
    "cross_entropy_loss_and_grad",
    "linear_cross_entropy",
    "linear_cross_entropy_and_grad",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "CrossEntropyLoss",
    "NLLLoss",
    "BCELoss",
    "BCEWithLogitsLoss",
]
