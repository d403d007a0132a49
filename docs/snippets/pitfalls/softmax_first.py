import numpy as np

import xentdocs as xd

z = np.array([[9.0, 0.0, 0.0, 0.0],      # confident and right
              [0.0, 0.0, 9.0, 0.0]])     # confident and right
y = np.array([0, 2])
C = z.shape[1]

# Wrong: the model's output already went through a softmax.
q = xd.softmax(z, axis=1)
loss = float(xd.cross_entropy_loss(q, y))
g = xd.cross_entropy_loss_grad(q, y)      # w.r.t. q, taken as logits
grad_z = q * (g - (q * g).sum(axis=1, keepdims=True))  # back through softmax
print(f"wrong: cross_entropy_loss(softmax(z), y) = {loss:.4f}")
print(f"       its floor log(1 + (C-1)/e)         = "
      f"{np.log1p((C - 1) / np.e):.4f}")
print(f"       |gradient| w.r.t. z                = "
      f"{np.linalg.norm(grad_z):.2e}")

# Right: pass the logits; apply a softmax only to read probabilities.
print(f"right: cross_entropy_loss(z, y)          = "
      f"{float(xd.cross_entropy_loss(z, y)):.4f}")
