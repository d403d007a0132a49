import numpy as np

import xentdocs as xd

rng = np.random.default_rng(0)
z = rng.normal(size=(2, 3, 4, 4))      # segmentation logits: (N, C, H, W), classes on axis 1

# Wrong: the last axis is the image's width, not the classes.
q = xd.softmax(z)                      # axis=-1 by default
print("wrong: sums over the classes range over", np.round(q.sum(axis=1).ravel()[:4], 3), "...")

# Right: normalise over the class axis.
q = xd.softmax(z, axis=1)
print("right: sums over the classes:", np.unique(np.round(q.sum(axis=1), 12)))

# The same mistake on an (N, C) batch: axis=0 normalises each class over the batch.
z2 = rng.normal(size=(3, 5))
print("(N, C) with axis=0, row sums:", np.round(xd.softmax(z2, axis=0).sum(axis=1), 3))
print("(N, C) with axis=1, row sums:", np.round(xd.softmax(z2, axis=1).sum(axis=1), 3))
