import textwrap

import numpy as np

import xentdocs as xd

z = np.array([[2.0, 0.5, -1.0],
              [0.0, 3.0, 0.0],
              [0.1, 0.2, 2.5]])
labels = np.array([1.0, 2.0, 3.0])   # read from a CSV: floats, numbered 1..C

for name, target in [("float labels 1..C", labels),
                     ("int64 labels 1..C", labels.astype(np.int64))]:
    try:
        xd.cross_entropy_loss(z, target)
    except (TypeError, ValueError) as err:
        print(f"wrong ({name}): {type(err).__name__}:")
        print(textwrap.fill(str(err), 72, initial_indent="  ",
                            subsequent_indent="  "))

# Worse: a batch that happens to hold no label C raises nothing. Every
# label is read as the next class up, and the model learns the wrong ones.
silent = float(xd.cross_entropy_loss(z, np.array([1, 2, 2])))
print(f"silent: labels [1, 2, 2] run fine, loss = {silent:.4f}")

# Right: integer class indices in [0, C).
y = labels.astype(np.int64) - 1
right = float(xd.cross_entropy_loss(z, y))
print(f"right: y = {y} ({y.dtype}), loss = {right:.4f}")
