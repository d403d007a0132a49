import numpy as np
import xentdocs as xd

z = np.array([[2.0, 1.0, 0.1],
              [0.5, 2.5, 0.3],
              [1.2, 0.2, 3.0],
              [0.0, 1.5, -1.0]])
y = np.array([0, 2, 1, 1])
w = np.array([1.0, 4.0, 1.0])
eps, C, rows = 0.1, z.shape[1], np.arange(len(y))

lp = xd.log_softmax(z, axis=1)
nll = w[y] * -lp[rows, y]             # weighted by the target's class
smooth = (w * -lp).sum(axis=1)        # weighted by every class
per_row = (1 - eps) * nll + eps / C * smooth

library = xd.cross_entropy_loss(z, y, weight=w, label_smoothing=eps,
                                reduction="none")
mean = xd.cross_entropy_loss(z, y, weight=w, label_smoothing=eps)
print("per row, by hand  =", per_row.round(4))
print("per row, xentdocs =", library.round(4))
print(f"sum / sum(w[y])   = {per_row.sum() / w[y].sum():.4f}")
print(f"mean, xentdocs    = {float(mean):.4f}")
