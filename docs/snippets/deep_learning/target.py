import numpy as np
from sklearn.datasets import load_digits
from xentdocs import softmax

X, y = load_digits(return_X_y=True)
X = X / 16
X_train, y_train = X[:-100], y[:-100]
x, label = X[1708], y[1708]
W = np.stack([X_train[y_train == c].mean(axis=0) for c in range(10)])
b = -0.5 * np.sum(W**2, axis=1)
Q = softmax(W @ x + b)

P = np.eye(10)[label]  # one-hot: P(y = label | x) = 1, every other class 0
print("class   P(y|x)   Q(y|x)")
for c in range(10):
    print(f"{c:5d} {P[c]:8.0f} {Q[c]:8.3f}")
