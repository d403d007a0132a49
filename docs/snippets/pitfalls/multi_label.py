import numpy as np

import xentdocs as xd

# One photo showing a cat (class 0) and a dog (class 1), but no car (2).
target = np.array([[1.0, 1.0, 0.0]])

# Wrong: softmax cross entropy. The float target is read as probabilities
# (summing to 2), nothing complains, and the two labels must share one
# unit of probability.
z = np.zeros((1, 3))
for _ in range(500):
    z -= 1.0 * xd.cross_entropy_loss_grad(z, target)
loss = float(xd.cross_entropy_loss(z, target))
print(f"wrong: softmax Q = {np.round(xd.softmax(z, axis=1)[0], 3)}, "
      f"loss = {loss:.4f}")
print(f"       (its floor 2 log 2 = {2 * np.log(2):.4f})")

# Right: one yes/no question per class, a binary cross entropy per logit.
z = np.zeros((1, 3))
for _ in range(500):
    z -= 1.0 * (xd.sigmoid(z) - target) / z.size  # gradient of mean BCE
loss = float(xd.binary_cross_entropy_with_logits(z, target))
print(f"right: sigmoid   = {np.round(xd.sigmoid(z)[0], 3)}, "
      f"loss = {loss:.4f}")
