import numpy as np
import xentdocs as xd

x = np.array([[2.0, 1.0, 0.1],
              [0.5, 2.5, 0.3],
              [1.2, 0.2, 3.0],
              [0.0, 1.5, -1.0]])
t = np.array([0, 2, 1, 1])
onehot = np.eye(3)[t]                  # the same labels as float rows
w = np.array([1.0, 4.0, 1.0])

index = float(xd.cross_entropy_loss(x, t, weight=w))
soft = float(xd.cross_entropy_loss(x, onehot, weight=w))
print(f"index targets, weight  = {index:.4f}  (/ sum(w[t]) = {w[t].sum():g})")
print(f"one-hot floats, weight = {soft:.4f}  (/ N = {len(t)})")
print(f"ratio soft / index     = {soft / index:.4f}")
print(f"sum(w[t]) / N          = {w[t].sum() / len(t):g}")
print()
for name, target in (("index  ", t), ("one-hot", onehot)):
    mean = float(xd.cross_entropy_loss(x, target))
    total = float(xd.cross_entropy_loss(x, target, weight=w, reduction="sum"))
    print(f"{name}: mean, no weight {mean:.4f}; sum, weight {total:.4f}")
