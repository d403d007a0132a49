import numpy as np

import xentdocs

z = np.array([-3.0, -0.2, 0.0, 1.5, 8.0])
pairs = np.stack([z, np.zeros_like(z)], axis=1)  # (N, 2) logits [z, 0]

# Hard labels: y = 1 is class 0 of the pair (the one with logit z),
# y = 0 is class 1.
y = np.array([1.0, 0.0, 1.0, 0.0, 1.0])
bce = xentdocs.binary_cross_entropy_with_logits(z, y, reduction="none")
ce = xentdocs.cross_entropy_loss(pairs, (1 - y).astype(int),
                                 reduction="none")
print(f"{'z':>5} {'y':>3} {'BCE with logits':>16} {'CE on [z, 0]':>14}")
for row in zip(z, y, bce, ce):
    print(f"{row[0]:5.1f} {row[1]:3.0f} {row[2]:16.10f} {row[3]:14.10f}")
print(f"hard y, max |difference|: {np.max(np.abs(bce - ce)):.1e}")

# Soft labels: the probability target is the pair [y, 1 - y].
y = np.array([0.9, 0.3, 0.5, 0.05, 0.99])
bce = xentdocs.binary_cross_entropy_with_logits(z, y, reduction="none")
ce = xentdocs.cross_entropy_loss(pairs, np.stack([y, 1 - y], axis=1),
                                 reduction="none")
print(f"soft y, max |difference|: {np.max(np.abs(bce - ce)):.1e}")
