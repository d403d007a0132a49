import numpy as np
from xentdocs import cross_entropy, entropy, kl_divergence

P = np.array([0.7, 0.2, 0.1])
Q = np.array([0.5, 0.3, 0.2])

h_p = float(entropy(P))
kl = float(kl_divergence(P, Q))
h_pq = float(cross_entropy(P, Q))
print(f"H(P)          = {h_p:.6f} nat")
print(f"KL(P||Q)      = {kl:.6f} nat")
print(f"H(P) + KL     = {h_p + kl:.6f} nat")
print(f"H(P;Q)        = {h_pq:.6f} nat")
print(f"sum P log P/Q = {np.sum(P * np.log(P / Q)):.6f} nat")
