import numpy as np
from xentdocs import cross_entropy, information_content

P = np.array([0.7, 0.2, 0.1])  # the true distribution
Q = np.array([0.5, 0.3, 0.2])  # the distribution we use in its place

expectation = np.sum(P * information_content(Q))  # E_{x~P}[h_Q(x)]
one_over_q = np.sum(P * np.log(1 / Q))            # sum P(x) log 1/Q(x)
minus_log_q = -np.sum(P * np.log(Q))              # -sum P(x) log Q(x)
print(f"E_P[h_Q]           = {expectation:.6f} nat")
print(f"sum P log 1/Q      = {one_over_q:.6f} nat")
print(f"-sum P log Q       = {minus_log_q:.6f} nat")
print(f"cross_entropy(P,Q) = {float(cross_entropy(P, Q)):.6f} nat")

# The expectation, literally: draw outcomes from P, measure each with Q.
rng = np.random.default_rng(0)
x = rng.choice(3, size=100_000, p=P)
sample_mean = information_content(Q)[x].mean()
print(f"\nmean h_Q(x) over 100,000 draws from P = {sample_mean:.4f} nat")
