import numpy as np
from sklearn.datasets import load_digits
from xentdocs import cross_entropy_loss, softmax

X, y = load_digits(return_X_y=True)
X = X / 16
X_train, y_train = X[:-100], y[:-100]
W = np.stack([X_train[y_train == c].mean(axis=0) for c in range(10)])
b = -0.5 * np.sum(W**2, axis=1)

X_test, y_test = X[-100:], y[-100:]
S = X_test @ W.T + b
losses = cross_entropy_loss(S, y_test, reduction="none")  # one per image
worst = int(np.argmax(losses))
Q = softmax(S[worst])
label, predicted = y_test[worst], Q.argmax()
print(f"X[{len(X) - 100 + worst}]: label {label}, predicted {predicted}")
print(f"Q(label) = {Q[label]:.4f},  Q(predicted) = {Q[predicted]:.4f}")
print(f"loss = {losses[worst]:.4f} nat  (mean: {losses.mean():.4f} nat)")
