import numpy as np

import xentdocs as xd

C = 10
print(f"log C            = {np.log(C):.3f}  (equal logits: the usual start)")
print(f"log(1 + (C-1)/e) = {np.log1p((C - 1) / np.e):.3f}  (floor when softmax is applied twice)")

# A model that is right on every sample, with a logit gap of 20
y = np.array([3, 1, 4, 1, 5])
z = np.zeros((len(y), C))
z[np.arange(len(y)), y] = 20.0
print(f"loss, logits passed (the fix)      = {xd.cross_entropy_loss(z, y):.3g}")
print(f"loss, softmax(logits) passed (bug) = {xd.cross_entropy_loss(xd.softmax(z, axis=1), y):.3f}")
