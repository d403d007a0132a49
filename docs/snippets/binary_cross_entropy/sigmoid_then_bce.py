import numpy as np

import xentdocs

# Target 0: the true loss is -log(1 - sigmoid(z)) = softplus(z) ≈ z.
z = np.array([5.0, 10.0, 17.0, 20.0, 40.0], dtype=np.float32)
y = np.zeros_like(z)
q = xentdocs.sigmoid(z)  # float32: rounds to exactly 1.0 from z ≈ 17
via_q = xentdocs.binary_cross_entropy(q, y, reduction="none")
via_z = xentdocs.binary_cross_entropy_with_logits(z, y, reduction="none")
print(f"{'z':>4} {'sigmoid(z)':>13} {'BCE(sigmoid(z))':>16}",
      f"{'BCE with logits':>16}")
for row in zip(z, q, via_q, via_z):
    print(f"{row[0]:4.0f} {row[1]:13.10f} {row[2]:16.6f} {row[3]:16.6f}")
