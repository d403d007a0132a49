import numpy as np

import xentdocs as xd


def loss_softmax_first(z, y):
    """The mistake: probabilities given to a loss that expects logits."""
    return xd.cross_entropy_loss(xd.softmax(z), y)


def grad_softmax_first(z, y):
    q = xd.softmax(z)
    g = xd.cross_entropy_loss_grad(q, y)  # d loss / d q = softmax(q) - onehot
    return q * (g - q @ g)  # chain rule through softmax: (diag(q) - q q^T) g


C, y = 10, 0
print("   d   |grad| right   |grad| softmax first")
for d in (-12, -4, 0, 4, 12):
    z = np.zeros(C)
    z[y] = d  # correct logit leads the other nine by d (d < 0: wrong)
    right = np.linalg.norm(xd.cross_entropy_loss_grad(z, y))
    wrong = np.linalg.norm(grad_softmax_first(z, y))
    print(f"{d:4d}   {right:12.3e}   {wrong:20.3e}")

# The chain rule above, checked with central differences at a random point
z = np.random.default_rng(1).normal(size=C)
h = 1e-6
fd = [(loss_softmax_first(z + h * e, y) - loss_softmax_first(z - h * e, y))
      / (2 * h) for e in np.eye(C)]
print("max |analytic - finite differences|:",
      np.max(np.abs(grad_softmax_first(z, y) - fd)))
