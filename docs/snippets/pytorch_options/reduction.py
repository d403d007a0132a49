import numpy as np
import xentdocs as xd

# The page's running example: N = 4 samples, C = 3 classes.
z = np.array([[2.0, 1.0, 0.1],
              [0.5, 2.5, 0.3],
              [1.2, 0.2, 3.0],
              [0.0, 1.5, -1.0]])
y = np.array([0, 2, 1, 1])

for reduction in ("none", "sum", "mean"):
    loss = xd.cross_entropy_loss(z, y, reduction=reduction)
    print(f"reduction={reduction!r:7} ->", np.round(loss, 4))

# The callable class mirrors torch.nn.CrossEntropyLoss.
loss_fn = xd.CrossEntropyLoss(reduction="sum")
print("CrossEntropyLoss(reduction='sum') ->", np.round(loss_fn(z, y), 4))
