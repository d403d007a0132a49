import numpy as np
from xentdocs import cross_entropy, entropy

P = np.array([1 / 2, 1 / 4, 1 / 4])  # how often A, B and C really occur
Q = np.array([1 / 4, 1 / 4, 1 / 2])  # what the second code was designed for

# Prefix codes; each word is log2(1 / design probability) bits long.
code_for_P = {"A": "0", "B": "10", "C": "11"}
code_for_Q = {"A": "10", "B": "11", "C": "0"}

for name, code in (("code_for_P", code_for_P), ("code_for_Q", code_for_Q)):
    lengths = np.array([len(code[s]) for s in "ABC"])
    print(f"{name}: mean length on data from P = {np.sum(P * lengths)} bit")

print(f"\nH(P)   = {float(entropy(P, base=2))} bit")
print(f"H(P;Q) = {float(cross_entropy(P, Q, base=2))} bit")
