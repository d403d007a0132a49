import numpy as np

import xentdocs as xd

z = np.array([[2.0, 1.0, 0.1],
              [0.5, 2.5, 0.3],
              [1.2, 0.2, 3.0],
              [0.0, 1.5, -1.0]])
y = np.array([0, 2, 1, 1])
w = np.array([1.0, 4.0, 1.0])          # class weights
onehot = np.eye(3)[y]                  # float one-hot: read as probability targets

print(f"index targets,   weight: {float(xd.cross_entropy_loss(z, y, weight=w)):.4f}   (divides by sum of w[y] = {w[y].sum():.0f})")
print(f"float one-hot,   weight: {float(xd.cross_entropy_loss(z, onehot, weight=w)):.4f}   (divides by N = {len(y)})")
print(f"without weights, both:   {float(xd.cross_entropy_loss(z, y)):.4f} and {float(xd.cross_entropy_loss(z, onehot)):.4f}")
try:
    xd.cross_entropy_loss(z, onehot, ignore_index=1)
except ValueError as err:
    print(f"float one-hot with ignore_index: ValueError: {err}")

# Right: keep class indices as int64; turn a one-hot array back with argmax.
print(f"right: argmax(onehot) = {onehot.argmax(axis=1)}, loss = {float(xd.cross_entropy_loss(z, onehot.argmax(axis=1), weight=w)):.4f}")
