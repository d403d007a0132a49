import numpy as np
import xentdocs as xd

z = np.array([[2.0, 1.0, 0.1],
              [0.5, 2.5, 0.3]])
soft = np.array([[0.7, 0.2, 0.1],
                 [0.0, 0.5, 0.5]])

try:
    xd.cross_entropy_loss(z, soft, ignore_index=0)
except ValueError as err:
    print("ValueError:", err)

# Masking probability targets: take 'none', average over the rows you keep.
keep = np.array([1.0, 0.0])
per_row = xd.cross_entropy_loss(z, soft, reduction="none")
print("per row           ->", per_row.round(4))
print(f"mean of kept rows -> {(keep * per_row).sum() / keep.sum():.4f}")
