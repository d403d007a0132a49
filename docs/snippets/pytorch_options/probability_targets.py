import numpy as np
import xentdocs as xd

z = np.array([[2.0, 1.0, 0.1],
              [0.5, 2.5, 0.3],
              [1.2, 0.2, 3.0],
              [0.0, 1.5, -1.0]])
y = np.array([0, 2, 1, 1])
onehot = np.eye(3)[y]                  # the same labels as float rows
w = np.array([1.0, 4.0, 1.0])

index = float(xd.cross_entropy_loss(z, y, weight=w))
soft = float(xd.cross_entropy_loss(z, onehot, weight=w))
print(f"index targets, weight  = {index:.4f}  (/ sum(w[y]) = {w[y].sum():g})")
print(f"one-hot floats, weight = {soft:.4f}  (/ N = {len(y)})")
print(f"ratio soft / index     = {soft / index:.4f}")
print(f"sum(w[y]) / N          = {w[y].sum() / len(y):g}")
print()
for name, target in (("index  ", y), ("one-hot", onehot)):
    mean = float(xd.cross_entropy_loss(z, target))
    total = float(xd.cross_entropy_loss(z, target, weight=w, reduction="sum"))
    print(f"{name}: mean, no weight {mean:.4f}; sum, weight {total:.4f}")
