import numpy as np

import xentdocs

positives, negatives = 5, 95
pw = negatives / positives
print("pos_weight = negatives / positives =", pw)

# The constant logit c that minimises the mean loss satisfies
# sigmoid(c) = pw·π / (pw·π + 1 - π), π the share of positives.
share = positives / (positives + negatives)
print("sigmoid(best c) by the formula:",
      pw * share / (pw * share + 1 - share))

y = np.array([1.0] * positives + [0.0] * negatives)
c = np.linspace(-6, 6, 12001)
Z = np.broadcast_to(c[:, None], (len(c), len(y)))
losses = xentdocs.binary_cross_entropy_with_logits(
    Z, np.broadcast_to(y, Z.shape), reduction="none",
    pos_weight=np.array([pw]))
best = c[np.argmin(losses.mean(axis=1))]
print(f"by search: best c = {best:+.3f},",
      f"sigmoid(best c) = {xentdocs.sigmoid(best):.3f}")
