import numpy as np
import xentdocs as xd

z = np.array([[2.0, 1.0, 0.1],
              [0.5, 2.5, 0.3],
              [1.2, 0.2, 3.0],
              [0.0, 1.5, -1.0]])
y = np.array([0, 2, 1, 1])
eps, C = 0.1, z.shape[1]

# The gradient of the summed loss is softmax(z) - p, so the library itself
# tells us which target vector p it smooths the labels into.
grad = xd.cross_entropy_loss_grad(z, y, reduction="sum", label_smoothing=eps)
p = xd.softmax(z, axis=1) - grad
print("smoothed targets p (one row per sample):")
print(p.round(4))
print(f"1 - eps + eps/C = {1 - eps + eps / C:.4f}   eps/C = {eps / C:.4f}")

lp = xd.log_softmax(z, axis=1)
library = xd.cross_entropy_loss(z, y, reduction="none", label_smoothing=eps)
print("-sum_c p_c * lp_c  =", (-(p * lp).sum(axis=1)).round(4))
print("cross_entropy_loss =", library.round(4))
