import numpy as np

import xentdocs as xd

C = 1000
floor = np.log1p((C - 1) / np.e)  # softmax applied first, best case
start = np.log(C)  # uniform prediction: where training starts
# a perfect probability vector, passed as logits
perfect = xd.cross_entropy_loss(np.eye(C)[0], 0)
print(f"floor log(1 + (C-1)/e)  = {floor:.4f}")
print(f"measured at p = one-hot = {perfect:.4f}")
print(f"uniform start log C     = {start:.4f}")
print(f"room to improve         = {start - floor:.4f} nat")
