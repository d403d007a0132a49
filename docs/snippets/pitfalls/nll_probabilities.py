import numpy as np

import xentdocs as xd

z = np.array([[2.0, 0.5, -1.0],
              [0.0, 3.0, 0.0]])
y = np.array([0, 1])

# Wrong: NLLLoss takes log-probabilities. It only picks the target's entry
# and flips its sign.
wrong = float(xd.nll_loss(xd.softmax(z, axis=1), y))
print(f"wrong: nll_loss(softmax(z), y)     = {wrong:.4f}")

# Right: log_softmax first (or cross_entropy_loss on the logits).
right = float(xd.nll_loss(xd.log_softmax(z, axis=1), y))
print(f"right: nll_loss(log_softmax(z), y) = {right:.4f}")
print(f"       cross_entropy_loss(z, y)     = "
      f"{float(xd.cross_entropy_loss(z, y)):.4f}")
