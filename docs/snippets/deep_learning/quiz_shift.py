import numpy as np
from sklearn.datasets import load_digits
from xentdocs import cross_entropy_loss, softmax

X, y = load_digits(return_X_y=True)
X = X / 16
X_train, y_train = X[:-100], y[:-100]
x, label = X[1708], y[1708]
W = np.stack([X_train[y_train == c].mean(axis=0) for c in range(10)])
b = -0.5 * np.sum(W**2, axis=1)
scores = W @ x + b

for shift in (0.0, 100.0, -100.0):
    q = softmax(scores + shift)[label]
    loss = float(cross_entropy_loss(scores + shift, label))
    print(f"shift {shift:+6.1f}: Q(y) = {q:.6f}, loss = {loss:.6f} nat")
