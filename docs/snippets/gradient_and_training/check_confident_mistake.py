import numpy as np

import xentdocs

z = np.array([0.0, 0.0, 1000.0])  # class 2 wins by 1000 ...
y = 0  # ... but the label is class 0
print("loss:    ", xentdocs.cross_entropy_loss(z, y))
print("gradient:", xentdocs.cross_entropy_loss_grad(z, y))
