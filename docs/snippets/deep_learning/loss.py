import numpy as np
from sklearn.datasets import load_digits
from xentdocs import cross_entropy, cross_entropy_loss, softmax

X, y = load_digits(return_X_y=True)
X = X / 16
X_train, y_train = X[:-100], y[:-100]
x, label = X[1708], y[1708]
W = np.stack([X_train[y_train == c].mean(axis=0) for c in range(10)])
b = -0.5 * np.sum(W**2, axis=1)
scores = W @ x + b
Q = softmax(scores)
P = np.eye(10)[label]

print(f"-sum P(y) log Q(y)            = {-np.sum(P * np.log(Q)):.6f}")
print(f"cross_entropy(P, Q)           = {float(cross_entropy(P, Q)):.6f}")
print(f"-log Q(label)                 = {-np.log(Q[label]):.6f}")
loss = float(cross_entropy_loss(scores, label))  # takes scores, not Q
print(f"cross_entropy_loss(scores, y) = {loss:.6f}")

# Training averages over many images: here, the 100 held-out ones.
mean_loss = float(cross_entropy_loss(X[-100:] @ W.T + b, y[-100:]))
print(f"\nmean over the 100 held-out images = {mean_loss:.4f}")
