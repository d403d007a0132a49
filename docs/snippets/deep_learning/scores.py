import numpy as np
from sklearn.datasets import load_digits

X, y = load_digits(return_X_y=True)
X = X / 16
X_train, y_train = X[:-100], y[:-100]  # the model is built from these...
x, label = X[1708], y[1708]            # ...and has never seen this one

# A linear model f(x, W) = W x + b. Row c of W is the mean image of digit c
# (a template); with b[c] = -||W[c]||^2 / 2 the template closest to x wins.
W = np.stack([X_train[y_train == c].mean(axis=0) for c in range(10)])
b = -0.5 * np.sum(W**2, axis=1)
scores = W @ x + b  # shape (10,): one score per class

for c, s in enumerate(scores):
    print(f"class {c}: {s:7.3f}" + ("   <- y" if c == label else ""))
print(f"\nargmax = {scores.argmax()},  sum of scores = {scores.sum():.3f}")
