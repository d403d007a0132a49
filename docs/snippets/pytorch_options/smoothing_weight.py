import numpy as np
import xentdocs as xd

x = np.array([[2.0, 1.0, 0.1],
              [0.5, 2.5, 0.3],
              [1.2, 0.2, 3.0],
              [0.0, 1.5, -1.0]])
t = np.array([0, 2, 1, 1])
w = np.array([1.0, 4.0, 1.0])
eps, C, rows = 0.1, x.shape[1], np.arange(len(t))

lp = xd.log_softmax(x, axis=1)
nll = w[t] * -lp[rows, t]             # weighted by the target's class
smooth = (w * -lp).sum(axis=1)        # weighted by every class
per_row = (1 - eps) * nll + eps / C * smooth

library = xd.cross_entropy_loss(x, t, weight=w, label_smoothing=eps,
                                reduction="none")
mean = xd.cross_entropy_loss(x, t, weight=w, label_smoothing=eps)
print("per row, by hand  =", per_row.round(4))
print("per row, xentdocs =", library.round(4))
print(f"sum / sum(w[t])   = {per_row.sum() / w[t].sum():.4f}")
print(f"mean, xentdocs    = {float(mean):.4f}")
