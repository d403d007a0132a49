import numpy as np
import xentdocs as xd

rng = np.random.default_rng(0)
N, C, H, W = 2, 3, 4, 5
x = rng.normal(size=(N, C, H, W))        # the class axis is 1, as in PyTorch
t = rng.integers(0, C, size=(N, H, W))   # one class index per pixel

none = xd.cross_entropy_loss(x, t, reduction="none")
print("input", x.shape, " target", t.shape, " 'none' ->", none.shape)

# The same numbers as an ordinary (N*H*W, C) batch: class axis last, flatten.
rows = np.moveaxis(x, 1, -1).reshape(-1, C)
flat = xd.cross_entropy_loss(rows, t.reshape(-1), reduction="none")
print("equals the flattened batch:", np.allclose(none, flat.reshape(N, H, W)))
mean = xd.cross_entropy_loss(x, t)
print(f"mean over all {none.size} pixels: {float(mean):.4f}"
      f" = none.mean() {float(none.mean()):.4f}")
