import numpy as np
from sklearn.datasets import load_digits
from xentdocs import softmax

X, y = load_digits(return_X_y=True)
X = X / 16
X_train, y_train = X[:-100], y[:-100]
x, label = X[1708], y[1708]
W = np.stack([X_train[y_train == c].mean(axis=0) for c in range(10)])
b = -0.5 * np.sum(W**2, axis=1)
scores = W @ x + b

Q = softmax(scores)                            # Q = P(y | x; W)
by_hand = np.exp(scores) / np.exp(scores).sum()  # exponentiate, normalise
print("Q =", np.array2string(Q, precision=3))
print(f"same as exp / sum:  {np.allclose(Q, by_hand)}")
print(f"every Q(y) > 0:     {bool(np.all(Q > 0))}   (smallest {Q.min():.2e})")
print(f"sum of Q:           {Q.sum():.12f}")
print(f"most probable class {Q.argmax()}, Q = {Q.max():.3f}")
