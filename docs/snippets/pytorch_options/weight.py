import numpy as np
import xentdocs as xd

z = np.array([[2.0, 1.0, 0.1],
              [0.5, 2.5, 0.3],
              [1.2, 0.2, 3.0],
              [0.0, 1.5, -1.0]])
y = np.array([0, 2, 1, 1])
w = np.array([1.0, 4.0, 1.0])          # class 1 counts four times as much

# 'none' gives w[y_i] * l_i, row by row.
per_row = xd.cross_entropy_loss(z, y, weight=w, reduction="none")
total = float(xd.cross_entropy_loss(z, y, weight=w, reduction="sum"))
mean = float(xd.cross_entropy_loss(z, y, weight=w, reduction="mean"))

print("w[y]            =", w[y])
print("w[y] * l_i      =", per_row.round(4))
print(f"sum             = {total:.4f}")
den = w[y].sum()
print(f"sum / sum(w[y]) = {total / den:.4f}   (divided by {den:g})")
print(f"sum / N         = {total / len(y):.4f}   (divided by {len(y)})")
print(f"mean (xentdocs) = {mean:.4f}")
# A weighted average does not care about the scale of the weights.
mean10 = float(xd.cross_entropy_loss(z, y, weight=10 * w))
print(f"mean, weight*10 = {mean10:.4f}")
