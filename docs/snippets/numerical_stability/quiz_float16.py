import numpy as np

import xentdocs

print("float16: log(max) =", np.log(np.finfo(np.float16).max))

z = np.array([20.0, 0.0, 0.0], dtype=np.float16)  # logits; class 0 is correct
with np.errstate(over="ignore", invalid="ignore"):
    e = np.exp(z)
    print("float16, by hand: exp(z) =", e, "  loss =", -np.log(e[0] / e.sum()))
# What autocast runs for cross_entropy: float32, and log-sum-exp inside
print("float32, log-sum-exp:      loss =", xentdocs.cross_entropy_loss(z.astype(np.float32), 0))
