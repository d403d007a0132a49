import numpy as np
import xentdocs as xd

rng = np.random.default_rng(0)
N, C, H, W = 2, 3, 4, 5
z = rng.normal(size=(N, C, H, W))        # the class axis is 1, as in PyTorch
y = rng.integers(0, C, size=(N, H, W))   # one class index per pixel

none = xd.cross_entropy_loss(z, y, reduction="none")
print("input", z.shape, " target", y.shape, " 'none' ->", none.shape)

# The same numbers as an ordinary (N*H*W, C) batch: class axis last, flatten.
rows = np.moveaxis(z, 1, -1).reshape(-1, C)
flat = xd.cross_entropy_loss(rows, y.reshape(-1), reduction="none")
print("equals the flattened batch:", np.allclose(none, flat.reshape(N, H, W)))
mean = xd.cross_entropy_loss(z, y)
print(f"mean over all {none.size} pixels: {float(mean):.4f}"
      f" = none.mean() {float(none.mean()):.4f}")
