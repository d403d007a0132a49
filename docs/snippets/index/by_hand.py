import numpy as np

import xentdocs

# Scores (logits) for the classes cat, car and frog, one row per image
# (the cs231n example): a cat, a car and a frog image.
z = np.array([
    [3.2, 5.1, -1.7],
    [1.3, 4.9, 2.0],
    [2.2, 2.5, -3.1],
])
y = np.array([0, 1, 2])  # the correct class of each image

q = xentdocs.softmax(z, axis=1)           # each row: a distribution Q
q_correct = q[np.arange(len(y)), y]       # Q(correct class | x)
per_image = -np.log(q_correct)            # cross entropy with one-hot P

# printoptions as a context: the setting must not leak into later blocks of the build
with np.printoptions(precision=4, suppress=True):
    print("Q =")
    print(q)
    print("Q(correct)      =", q_correct)
    print("-log Q(correct) =", per_image)
    print("mean            =", per_image.mean().round(4))
    loss = xentdocs.CrossEntropyLoss(reduction="none")
    print("xentdocs        =", loss(z, y))
