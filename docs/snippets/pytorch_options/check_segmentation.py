import numpy as np
import xentdocs as xd

rng = np.random.default_rng(1)
N, C, H, W = 2, 21, 16, 16
z = rng.normal(size=(N, C, H, W))
y = rng.integers(0, C, size=(N, H, W))
y[:, :3, :] = 255                     # three rows of pixels nobody labelled

none = xd.cross_entropy_loss(z, y, ignore_index=255, reduction="none")
mean = xd.cross_entropy_loss(z, y, ignore_index=255)
kept = int((y != 255).sum())
print("shape of 'none'       :", none.shape)
print("pixels, kept pixels   :", y.size, kept)
print(f"mean (xentdocs)       : {float(mean):.4f}")
print(f"none.sum() / kept     : {float(none.sum() / kept):.4f}")
print(f"none.mean() (wrong)   : {float(none.mean()):.4f}")
