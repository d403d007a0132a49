import numpy as np
import xentdocs as xd

z = np.array([[2.0, 1.0, 0.1],
              [0.5, 2.5, 0.3],
              [1.2, 0.2, 3.0],
              [0.0, 1.5, -1.0]])
y = np.array([0, 2, 1, 1])

plain = xd.cross_entropy_loss(z, y, reduction="none")
# ignore_index=2: row 1 (target 2) drops out; class 2 stays in every softmax.
masked = xd.cross_entropy_loss(z, y, ignore_index=2, reduction="none")
# What ignore_index does NOT do: delete class 2 (and the rows that need it).
keep = y != 2
cut = xd.cross_entropy_loss(z[keep][:, :2], y[keep], reduction="none")
removed = dict(zip(np.flatnonzero(keep), cut))

print("row  target   plain   ignore_index=2   class 2 removed")
for i in range(len(y)):
    gone = f"{removed[i]:.4f}" if keep[i] else "(row dropped)"
    print(f"{i:>3}  {y[i]:>6}   {plain[i]:.4f}  {masked[i]:.4f}", " " * 9, gone)
print()
mean = xd.cross_entropy_loss(z, y, ignore_index=2)
n = int(keep.sum())
print(f"mean, ignore_index=2  = {float(mean):.4f}  (sum of {n} kept rows / {n})")
print(f"mean, class 2 removed = {float(cut.mean()):.4f}")
