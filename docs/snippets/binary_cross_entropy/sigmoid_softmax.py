import numpy as np

import xentdocs

z = np.array([-30.0, -4.0, -1.0, 0.0, 0.5, 3.0, 30.0])
pairs = np.stack([z, np.zeros_like(z)], axis=1)  # rows [z, 0]

sig = xentdocs.sigmoid(z)
soft = xentdocs.softmax(pairs)[:, 0]
print(f"{'z':>6} {'sigmoid(z)':>22} {'softmax([z, 0])[0]':>22}")
for zi, s, t in zip(z, sig, soft):
    print(f"{zi:6.1f} {s:22.15e} {t:22.15e}")
rel = np.max(np.abs(sig - soft) / soft)
print(f"max relative difference: {rel:.1e}")

# Only the difference of two logits matters:
# softmax([a, b])[0] = sigmoid(a - b).
a, b = 2.5, 1.0
print(f"softmax([2.5, 1.0])[0] = {xentdocs.softmax([a, b])[0]:.15f}")
print(f"sigmoid(2.5 - 1.0)     = {xentdocs.sigmoid(a - b):.15f}")
