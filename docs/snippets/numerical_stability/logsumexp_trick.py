import numpy as np

import xentdocs as xd

inputs = (np.array([89.0, 0.0], dtype=np.float32),
          np.array([710.0, 0.0], dtype=np.float64),
          np.array([0.0, -120.0], dtype=np.float32))
for z in inputs:
    print(f"z = {z} ({z.dtype})")
    print("   logsumexp(z)   =", xd.logsumexp(z))
    print("   log_softmax(z) =", xd.log_softmax(z))
    print("   loss, y = 0    =", xd.cross_entropy_loss(z, 0))
    print("   loss, y = 1    =", xd.cross_entropy_loss(z, 1))
