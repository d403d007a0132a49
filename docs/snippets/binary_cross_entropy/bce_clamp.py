import numpy as np

import xentdocs

# Target 1, so the loss is -log q; the log is clamped at -100.
q = np.array([0.5, 1e-10, 1e-40, 1e-50, 0.0])
y = np.ones_like(q)
with np.errstate(divide="ignore"):  # log(0) = -inf is the point here
    exact = -np.log(q)
clamped = xentdocs.binary_cross_entropy(q, y, reduction="none")
print(f"{'q':>8} {'-log q':>10} {'binary_cross_entropy':>21}")
for row in zip(q, exact, clamped):
    print(f"{row[0]:8.0e} {row[1]:10.4f} {row[2]:21.4f}")
print(f"the clamp acts below q = e^-100 = {np.exp(-100):.2e}")
