import numpy as np
from xentdocs import cross_entropy, information_content

# Every term P(x) log 1/Q(x) is >= 0, because P(x) >= 0 and Q(x) <= 1.
rng = np.random.default_rng(1)
P = rng.dirichlet(np.full(4, 0.3), size=10_000)
Q = rng.dirichlet(np.full(4, 0.3), size=10_000)
terms = P * information_content(Q)
print(f"smallest term P(x) log 1/Q(x):   {terms.min():.2e}")
print(f"smallest H(P;Q) over the pairs:  {cross_entropy(P, Q).min():.4f} nat")

# Zero needs a certain outcome that Q also calls certain.
certain = [0, 1, 0]
for Q in ([0, 1, 0], [0.01, 0.98, 0.01]):
    print(f"H({certain}; {Q}) = {float(cross_entropy(certain, Q)):.4f}")
