import numpy as np

from xentdocs import (cross_entropy_loss, cross_entropy_loss_grad, entropy,
                      kl_divergence, softmax)

# A small data set: the weather x and how someone got to work that day, y.
inputs, classes = ["sunny", "rainy"], ["walk", "bus", "car"]
x_idx = np.array([0, 0, 0, 0, 0, 0, 1, 1, 1, 1])
y = np.array([0, 0, 0, 0, 1, 2, 1, 1, 2, 2])
N, D, C = len(y), len(inputs), len(classes)
X = np.eye(D)[x_idx]                   # one-hot inputs, shape (N, D)

# The empirical distribution: p(x) and p(y | x), counted from the data.
counts = np.zeros((D, C))
np.add.at(counts, (x_idx, y), 1)
p_x = counts.sum(axis=1) / N
p_y_given_x = counts / counts.sum(axis=1, keepdims=True)


def report(W, label):
    Z = X @ W.T                        # logits z_i = W x_i, shape (N, C)
    q_y_given_x = softmax(W.T, axis=1)  # Q_W(y | x) for each input
    mean_nll = float(cross_entropy_loss(Z, y))
    h = float(p_x @ entropy(p_y_given_x))     # averaged over x
    kl = float(p_x @ kl_divergence(p_y_given_x, q_y_given_x))
    print(f"{label}: mean NLL = {mean_nll:.4f}   "
          f"H + KL = {h:.4f} + {kl:.4f} = {h + kl:.4f}")
    return q_y_given_x


print("p_data(y | x):", np.round(p_y_given_x, 3).tolist())
W = np.zeros((C, D))                   # W in R^{C x D}: Q(y | x) uniform
report(W, "W = 0  ")
for step in range(2000):               # gradient descent on the mean NLL
    W -= 1.0 * cross_entropy_loss_grad(X @ W.T, y).T @ X
q = report(W, "trained")
print("Q_W(y | x):   ", np.round(q, 3).tolist())
