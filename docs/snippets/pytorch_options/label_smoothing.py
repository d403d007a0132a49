import numpy as np
import xentdocs as xd

x = np.array([[2.0, 1.0, 0.1],
              [0.5, 2.5, 0.3],
              [1.2, 0.2, 3.0],
              [0.0, 1.5, -1.0]])
t = np.array([0, 2, 1, 1])
eps, C = 0.1, x.shape[1]

# The gradient of the summed loss is softmax(x) - q, so the library itself
# tells us which target vector q it smooths the labels into.
grad = xd.cross_entropy_loss_grad(x, t, reduction="sum", label_smoothing=eps)
q = xd.softmax(x, axis=1) - grad
print("smoothed targets q (one row per sample):")
print(q.round(4))
print(f"1 - eps + eps/C = {1 - eps + eps / C:.4f}   eps/C = {eps / C:.4f}")

lp = xd.log_softmax(x, axis=1)
library = xd.cross_entropy_loss(x, t, reduction="none", label_smoothing=eps)
print("-sum_c q_c * lp_c  =", (-(q * lp).sum(axis=1)).round(4))
print("cross_entropy_loss =", library.round(4))
