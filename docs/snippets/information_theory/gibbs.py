import numpy as np
from xentdocs import cross_entropy, entropy

# A coin P = [p, 1-p] and every candidate Q = [q, 1-q] on a fine grid.
q = np.linspace(0.001, 0.999, 999)
Q = np.stack([q, 1 - q], axis=-1)
for p in (0.2, 0.5, 0.8):
    P = np.array([p, 1 - p])
    h = cross_entropy(P, Q)
    best = np.argmin(h)
    print(f"p = {p}: min H(P;Q) = {h[best]:.6f} at q = {q[best]:.3f};"
          f"  H(P) = {float(entropy(P)):.6f}")

# Gibbs' inequality on 10,000 random pairs of 5-outcome distributions.
rng = np.random.default_rng(0)
P = rng.dirichlet(np.ones(5), size=10_000)
Q = rng.dirichlet(np.ones(5), size=10_000)
gap = cross_entropy(P, Q) - entropy(P)
same = np.abs(cross_entropy(P, P) - entropy(P))
print(f"\nsmallest H(P;Q) - H(P) over the pairs: {gap.min():.6f}")
print(f"largest |H(P;P) - H(P)|:               {same.max():.1e}")
