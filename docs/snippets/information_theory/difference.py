import numpy as np
from xentdocs import cross_entropy, entropy, kl_divergence

P = np.array([0.7, 0.2, 0.1])
candidates = {                       # from close to P to far from it
    "Q1": np.array([0.6, 0.25, 0.15]),
    "Q2": np.array([0.4, 0.3, 0.3]),
    "Q3": np.array([0.1, 0.2, 0.7]),
}
print(f"H(P) = {float(entropy(P)):.4f} nat\n")
print("    Q                  H(P;Q)  KL(P||Q)")
for name, Q in candidates.items():
    h = float(cross_entropy(P, Q))
    kl = float(kl_divergence(P, Q))
    q = np.array2string(Q, precision=2)
    print(f"{name}  {q:18s} {h:7.4f}  {kl:7.4f}")
