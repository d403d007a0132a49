import numpy as np

import xentdocs as xd

# Three images; classes 0 = cat, 1 = dog, 2 = ship.
# Each row is the model's distribution Q(.|x_i).
Q = np.array([[0.7, 0.2, 0.1],
              [0.1, 0.3, 0.6],
              [0.25, 0.5, 0.25]])
y = np.array([0, 2, 0])  # correct classes
P = np.eye(3)[y]  # one-hot P(.|x_i): all mass on the correct class

print("H(P;Q), all classes summed :", xd.cross_entropy(P, Q))
print("-log Q(y_i|x_i) only       :", -np.log(Q[np.arange(3), y]))
print("nll_loss(log Q, y, 'none') :",
      xd.nll_loss(np.log(Q), y, reduction="none"))
