import textwrap

import numpy as np

import xentdocs as xd

z = np.array([[2.0, 1.0, 0.1],
              [0.5, 2.5, 0.3],
              [1.2, 0.2, 3.0],
              [0.0, 1.5, -1.0]])
y = np.array([0, 2, 1, 1])
w = np.array([1.0, 4.0, 1.0])     # class weights
onehot = np.eye(3)[y]             # float one-hot: read as probabilities

index = float(xd.cross_entropy_loss(z, y, weight=w))
soft = float(xd.cross_entropy_loss(z, onehot, weight=w))
wsum = w[y].sum()
print(f"index targets, weight: {index:.4f} (/ sum of w[y] = {wsum:.0f})")
print(f"float one-hot, weight: {soft:.4f} (/ N = {len(y)})")
print(f"no weights, both:      {float(xd.cross_entropy_loss(z, y)):.4f} "
      f"and {float(xd.cross_entropy_loss(z, onehot)):.4f}")
try:
    xd.cross_entropy_loss(z, onehot, ignore_index=1)
except ValueError as err:
    print("float one-hot with ignore_index=1: ValueError:")
    print(textwrap.fill(str(err), 72, initial_indent="  ",
                        subsequent_indent="  "))

# Right: keep int64 class indices; argmax turns one-hot back into them.
y_back = onehot.argmax(axis=1)
right = float(xd.cross_entropy_loss(z, y_back, weight=w))
print(f"right: argmax(onehot) = {y_back}, loss = {right:.4f}")
