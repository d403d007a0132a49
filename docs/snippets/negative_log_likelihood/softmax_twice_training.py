import numpy as np
from sklearn.datasets import load_digits

import xentdocs as xd

X, y = load_digits(return_X_y=True)
N, C = X.shape[0], 10
Xb = np.hstack([X / 16.0, np.ones((N, 1))])


def loss_and_grad(W, softmax_first):
    Z = Xb @ W
    if not softmax_first:
        return xd.cross_entropy_loss(Z, y), xd.cross_entropy_loss_grad(Z, y)
    P = xd.softmax(Z, axis=1)  # the mistake: probabilities taken as logits
    G = xd.cross_entropy_loss_grad(P, y)
    G = P * (G - np.sum(P * G, axis=1, keepdims=True))  # back through softmax
    return xd.cross_entropy_loss(P, y), G


print("           logits            softmax first")
print("step    loss   accuracy    loss   accuracy")
W_right, W_wrong = np.zeros((65, C)), np.zeros((65, C))
for step in range(201):
    loss_r, G_r = loss_and_grad(W_right, softmax_first=False)
    loss_w, G_w = loss_and_grad(W_wrong, softmax_first=True)
    if step in (0, 10, 50, 100, 200):
        acc_r = np.mean(np.argmax(Xb @ W_right, axis=1) == y)
        acc_w = np.mean(np.argmax(Xb @ W_wrong, axis=1) == y)
        print(f"{step:4d}  {loss_r:6.4f}   {acc_r:8.4f}  "
              f"{loss_w:6.4f}   {acc_w:8.4f}")
    W_right -= Xb.T @ G_r  # plain gradient descent, learning rate 1
    W_wrong -= Xb.T @ G_w
print("floor log(1 + 9/e) =", np.log1p(9 / np.e))
