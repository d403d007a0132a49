import numpy as np
from xentdocs import cross_entropy

P = np.array([0.7, 0.2, 0.1])
Q = np.array([0.5, 0.3, 0.2])

h_nat = float(cross_entropy(P, Q))          # default: natural log, nats
h_bit = float(cross_entropy(P, Q, base=2))  # base=2: bits
print(f"H(P;Q) = {h_nat:.6f} nat = {h_bit:.6f} bit")

# A change of base only rescales: log2(y) = ln(y) / ln(2).
print(f"h_nat / ln 2 = {h_nat / np.log(2):.6f} bit")
print(f"1 nat = {1 / np.log(2):.6f} bit,  1 bit = {np.log(2):.6f} nat")
