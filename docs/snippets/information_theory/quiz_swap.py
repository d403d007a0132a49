from xentdocs import cross_entropy

P = [0.5, 0.5]
Q = [0.9, 0.1]
print(f"H(P;Q) = {float(cross_entropy(P, Q, base=2)):.4f} bit")
print(f"H(Q;P) = {float(cross_entropy(Q, P, base=2)):.4f} bit")
