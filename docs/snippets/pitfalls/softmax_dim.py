import numpy as np

import xentdocs as xd

rng = np.random.default_rng(0)
z = rng.normal(size=(2, 3, 4, 4))  # segmentation logits (N, C, H, W)

# Wrong: the last axis is the image's width, not the classes.
q = xd.softmax(z)                  # axis=-1 by default
sums = q.sum(axis=1).ravel()
print("wrong: sums over the classes:", np.round(sums[:4], 3), "...")

# Right: normalise over the class axis, axis 1.
q = xd.softmax(z, axis=1)
print("right: sums over the classes:", np.unique(np.round(q.sum(axis=1), 12)))

# The same mistake on an (N, C) batch: axis=0 normalises over the batch.
z2 = rng.normal(size=(3, 5))
for axis in (0, 1):
    row_sums = xd.softmax(z2, axis=axis).sum(axis=1)
    print(f"(N, C) with axis={axis}, row sums:", np.round(row_sums, 3))
