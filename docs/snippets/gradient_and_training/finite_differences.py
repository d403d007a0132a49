import numpy as np

import xentdocs

rng = np.random.default_rng(0)
z = rng.normal(size=(4, 5))  # a batch of 4 rows, 5 classes
y = np.array([0, 3, 1, 4])
# Central differences: error O(h²) from the formula, O(eps/h) from
# rounding.
h = 1e-6


def numerical_grad(loss, z):
    grad = np.zeros_like(z)
    for idx in np.ndindex(z.shape):
        step = np.zeros_like(z)
        step[idx] = h
        grad[idx] = (loss(z + step) - loss(z - step)) / (2 * h)
    return grad


options = {
    "plain": {},
    "weight": {"weight": np.array([1.0, 2.0, 0.5, 1.0, 3.0])},
    "label_smoothing=0.1": {"label_smoothing": 0.1},
    "reduction='sum'": {"reduction": "sum"},
}
for name, kw in options.items():
    analytic = xentdocs.cross_entropy_loss_grad(z, y, **kw)
    numeric = numerical_grad(
        lambda v: xentdocs.cross_entropy_loss(v, y, **kw), z)
    error = np.max(np.abs(analytic - numeric))
    print(f"{name:20s} max |analytic - numeric| = {error:.1e}")

q = xentdocs.softmax(z)
onehot = np.eye(5)[y]
plain = xentdocs.cross_entropy_loss_grad(z, y)
print("plain gradient == (softmax(z) - onehot(y)) / N:",
      np.allclose(plain, (q - onehot) / len(y), rtol=0, atol=1e-15))
