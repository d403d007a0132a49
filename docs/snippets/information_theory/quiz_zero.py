from xentdocs import cross_entropy

pairs = [
    ([0, 0, 1], [0, 0, 1]),            # P certain, and Q agrees
    ([0, 0, 1], [0.1, 0.1, 0.8]),      # P certain, Q hesitates
    ([0.5, 0, 0.5], [0.5, 0, 0.5]),    # Q = P, but P is uncertain
]
for P, Q in pairs:
    print(f"H({P}; {Q}) = {float(cross_entropy(P, Q)):.4f}")
