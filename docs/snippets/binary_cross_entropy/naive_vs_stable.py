import numpy as np

import xentdocs

z = np.array([-800.0, -40.0, -1.0, 1.0, 40.0, 800.0])


def naive_bce(z, y):
    q = 1 / (1 + np.exp(-z))  # the textbook sigmoid
    return -(y * np.log(q) + (1 - y) * np.log(1 - q))


def stable_bce(z, y):
    # -log sigmoid(z)      = softplus(-z) = log1p(exp(-|z|)) + max(-z, 0)
    # -log(1 - sigmoid(z)) = softplus(z)  = log1p(exp(-|z|)) + max(z, 0)
    # exp(-|z|) <= 1 cannot overflow, and log1p keeps a tiny exp(-|z|)
    # that 1 + exp(-|z|) would round away.
    soft = np.log1p(np.exp(-np.abs(z)))
    return (y * (soft + np.maximum(-z, 0))
            + (1 - y) * (soft + np.maximum(z, 0)))


for target in (1.0, 0.0):
    y = np.full_like(z, target)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        naive = naive_bce(z, y) + 0.0  # + 0.0 prints -0.0 as 0
    library = xentdocs.binary_cross_entropy_with_logits(
        z, y, reduction="none")
    print(f"target y = {target:.0f}")
    print(f"{'z':>8} {'naive':>12} {'stable':>12} {'xentdocs':>12}")
    for row in zip(z, naive, stable_bce(z, y), library):
        print(f"{row[0]:8.0f} {row[1]:12.4g} {row[2]:12.4g} {row[3]:12.4g}")
