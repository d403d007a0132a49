import numpy as np
import xentdocs as xd

z = np.array([[2.0, 1.0, 0.1],
              [0.5, 2.5, 0.3]])
y = np.array([-100, -100])          # every target is ignore_index (-100)

mean = xd.cross_entropy_loss(z, y, reduction="mean")        # 0 / 0
total = xd.cross_entropy_loss(z, y, reduction="sum")
grad = xd.cross_entropy_loss_grad(z, y, reduction="mean")
print("reduction='mean' ->", float(mean))
print("reduction='sum'  ->", float(total))
print("gradient of 'mean' ->")
print(grad)

# A guard that gives 0 instead of NaN: divide the sum by max(kept, 1).
kept = int((y != -100).sum())
print("sum / max(kept, 1) ->", float(total) / max(kept, 1))
