import numpy as np
from sklearn.datasets import load_digits

import xentdocs as xd

X, y = load_digits(return_X_y=True)
N, C = X.shape[0], 10
Xb = np.hstack([X / 16.0, np.ones((N, 1))])
W0, *_ = np.linalg.lstsq(Xb, np.eye(C)[y], rcond=None)
Z0 = Xb @ W0  # logits of the least-squares model
P = np.eye(C)[y]  # one-hot targets

# The models W = s * W0, one for each s: s sharpens or flattens predictions.
s = np.round(np.arange(0.5, 60.01, 0.25), 2)
log_lik, mean_h, loss = [], [], []
for k in s:
    Q = xd.softmax(k * Z0, axis=1)
    log_lik.append(np.sum(np.log(Q[np.arange(N), y])))  # log L(s)
    mean_h.append(np.mean(xd.cross_entropy(P, Q)))  # mean of H(P_i; Q_i)
    loss.append(xd.cross_entropy_loss(k * Z0, y))  # the loss, from logits
log_lik, mean_h, loss = np.array(log_lik), np.array(mean_h), np.array(loss)

print("s maximising log L(s)           :", s[np.argmax(log_lik)])
print("s minimising mean H(P;Q)        :", s[np.argmin(mean_h)])
print("s minimising cross_entropy_loss :", s[np.argmin(loss)])
print("max |log L + N * mean H|        :",
      np.max(np.abs(log_lik + N * mean_h)))
print("max |mean H - loss|             :", np.max(np.abs(mean_h - loss)))
best = np.argmin(loss)
print(f"loss at s = 1: {loss[s == 1][0]:.4f}, "
      f"at s = {s[best]}: {loss[best]:.4f}")
acc = [np.mean(np.argmax(k * Z0, axis=1) == y) for k in (1, s[best])]
print("accuracy at both                :", np.round(acc, 4))
