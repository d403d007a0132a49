import numpy as np

import xentdocs as xd

z = np.array([[2.0, 1.0, 0.1],
              [0.5, 2.5, 0.3],
              [1.2, 0.2, 3.0],
              [0.0, 1.5, -1.0]])
y = np.array([0, 2, 1, 1])
w = np.array([1.0, 4.0, 1.0])
halves = [slice(0, 2), slice(2, 4)]      # two micro-batches

full = float(xd.cross_entropy_loss(z, y, weight=w))
plain = float(xd.cross_entropy_loss(z, y))
print(f"weighted mean of the whole batch      = {full:.4f}")
print(f"(unweighted mean                      = {plain:.4f})")

# Wrong: gradient accumulation that averages the micro-batches' means ...
means = [float(xd.cross_entropy_loss(z[h], y[h], weight=w)) for h in halves]
print(f"wrong: mean of the micro-batch means  = {np.mean(means):.4f}")
# ... or the per-sample losses averaged over N.
none = xd.cross_entropy_loss(z, y, weight=w, reduction="none")
print(f"wrong: reduction='none', then .mean() = {none.mean():.4f}")

# Right: add up the weighted losses and the weights; divide once.
total = sum(float(xd.cross_entropy_loss(z[h], y[h], weight=w,
                                        reduction="sum")) for h in halves)
weights = sum(w[y[h]].sum() for h in halves)
print(f"right: sum of sums / sum of w[y]      = {total / weights:.4f}")

# A batch of one class: its weight cancels in the mean, whatever it is.
for w1 in (1.0, 4.0, 100.0):
    ww = np.array([1.0, w1, 1.0])
    mean = float(xd.cross_entropy_loss(z[2:], y[2:], weight=ww))
    print(f"batch of class 1 only, weight {w1:5.1f}: mean = {mean:.4f}")
