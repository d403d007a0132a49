import numpy as np
from xentdocs import cross_entropy_loss

# Ten validation images of three classes; the answer is class 0 for all of them.
y = np.zeros(10, dtype=int)
# Logits at two epochs: later, most images are right with a wide margin,
# but the one mistake left is a confident one.
earlier = np.array([[1.0, 0.0, 0.0]] * 8 + [[0.0, 0.5, 0.0]] * 2)
later = np.array([[4.0, 0.0, 0.0]] * 9 + [[0.0, 10.0, 0.0]] * 1)

for name, z in (("epoch 10", earlier), ("epoch 20", later)):
    per_image = cross_entropy_loss(z, y, reduction="none")
    accuracy = np.mean(z.argmax(axis=1) == y)
    print(f"{name}: accuracy = {accuracy:.0%}, mean loss = {per_image.mean():.3f},"
          f" largest loss of one image = {per_image.max():.3f}")
