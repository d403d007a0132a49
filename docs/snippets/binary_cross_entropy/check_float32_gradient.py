import numpy as np

import xentdocs

z = np.float32(30.0)  # a confident logit ...
y = np.float32(0.0)   # ... for a negative example
h = np.float32(0.5)


def via_probability(z):
    q = xentdocs.sigmoid(np.array([z]))  # float32 in, float32 out
    return xentdocs.binary_cross_entropy(q, np.array([y]))


def via_logits(z):
    return xentdocs.binary_cross_entropy_with_logits(
        np.array([z]), np.array([y]))


for name, loss in [("sigmoid + binary_cross_entropy", via_probability),
                   ("binary_cross_entropy_with_logits", via_logits)]:
    slope = (loss(z + h) - loss(z - h)) / (2 * h)
    print(f"{name}: loss {float(loss(z)):.4f}, dloss/dz {float(slope):.4f}")
print("sigmoid(30) in float32:", xentdocs.sigmoid(z))
