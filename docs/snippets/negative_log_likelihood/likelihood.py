import numpy as np
from sklearn.datasets import load_digits

import xentdocs as xd

# 1797 handwritten digits of 8x8 pixels, labels 0..9
X, y = load_digits(return_X_y=True)
N, C = X.shape[0], 10

# A simple model Q(y|x; W) = softmax(x W): one linear layer whose weights
# come from a least-squares fit to the one-hot labels. It stands in for any
# trained network; the likelihood is computed the same way for all of them.
Xb = np.hstack([X / 16.0, np.ones((N, 1))])  # pixels in [0, 1], plus a bias
W, *_ = np.linalg.lstsq(Xb, np.eye(C)[y], rcond=None)
Q = xd.softmax(Xb @ W, axis=1)  # (N, C): one distribution per image
q = Q[np.arange(N), y]  # Q(y_i | x_i; W): probability of each correct label

print("N =", N, "images")
print("Q(y_i|x_i; W), i = 1..5 :", np.round(q[:5], 4))
print("L(W)     = prod_i Q     :", np.prod(q))
print("log L(W) = sum_i log Q  :", np.sum(np.log(q)))
print("NLL(W)   = -log L(W) / N:", -np.mean(np.log(q)))
