import numpy as np
import xentdocs as xd

z = np.array([[2.0, 1.0, 0.1],
              [0.5, 2.5, 0.3],
              [1.2, 0.2, 3.0],
              [0.0, 1.5, -1.0]])
y = np.array([1, 1, 1, 1])                    # every sample is class 1
w = np.array([1.0, 4.0, 1.0])

for reduction in ("mean", "sum"):
    weighted = xd.cross_entropy_loss(z, y, weight=w, reduction=reduction)
    plain = xd.cross_entropy_loss(z, y, reduction=reduction)
    print(f"{reduction:4}: weighted {float(weighted):.4f}"
          f"   unweighted {float(plain):.4f}")
