import numpy as np

import xentdocs

# Target 1, so the loss is -log p; the log is clamped at -100.
p = np.array([0.5, 1e-10, 1e-40, 1e-50, 0.0])
y = np.ones_like(p)
with np.errstate(divide="ignore"):  # log(0) = -inf is the point here
    exact = -np.log(p)
clamped = xentdocs.binary_cross_entropy(p, y, reduction="none")
print(f"{'p':>8} {'-log p':>10} {'binary_cross_entropy':>21}")
for row in zip(p, exact, clamped):
    print(f"{row[0]:8.0e} {row[1]:10.4f} {row[2]:21.4f}")
print(f"the clamp acts below p = e^-100 = {np.exp(-100):.2e}")
