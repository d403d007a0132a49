import numpy as np
from xentdocs import cross_entropy, kl_divergence

P = np.array([0.9, 0.1])
Q = np.array([0.5, 0.5])
print(f"H(P;Q)   = {float(cross_entropy(P, Q)):.4f} nat")
print(f"H(Q;P)   = {float(cross_entropy(Q, P)):.4f} nat")
print(f"KL(P||Q) = {float(kl_divergence(P, Q)):.4f} nat")
print(f"KL(Q||P) = {float(kl_divergence(Q, P)):.4f} nat")
