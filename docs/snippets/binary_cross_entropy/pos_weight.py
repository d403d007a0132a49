import numpy as np

import xentdocs

bce = xentdocs.binary_cross_entropy_with_logits

# 1) pos_weight scales only the y * (-log sigmoid(z)) term.
z = np.array([0.5, 0.5, -1.0, -1.0])
y = np.array([1.0, 0.0, 1.0, 0.0])
plain = bce(z, y, reduction="none")
weighted = bce(z, y, reduction="none", pos_weight=np.array([3.0]))
print(f"{'z':>5} {'y':>3} {'plain':>8} {'pos_weight=3':>13} {'ratio':>6}")
for row in zip(z, y, plain, weighted, weighted / plain):
    print(f"{row[0]:5.1f} {row[1]:3.0f} {row[2]:8.4f} {row[3]:13.4f}"
          f" {row[4]:6.2f}")

# 2) Imbalanced data: 10 positives, 90 negatives, and a "model" that
#    can only output one logit c for everything. Which c is best?
y = np.array([1.0] * 10 + [0.0] * 90)
c = np.linspace(-6, 6, 12001)  # candidate logits, step 0.001
Z = np.broadcast_to(c[:, None], (len(c), len(y)))  # a row per candidate
Y = np.broadcast_to(y, Z.shape)
for pw in (1.0, 9.0):  # 9 = negatives / positives
    losses = bce(Z, Y, reduction="none", pos_weight=np.array([pw]))
    best = c[np.argmin(losses.mean(axis=1))]
    print(f"pos_weight = {pw:.0f}: best c = {best:+.3f},",
          f"sigmoid(best c) = {xentdocs.sigmoid(best):.3f}")
