import numpy as np

import xentdocs as xd

eps = 0.1
print("   C   best logit gap   loss there   H(p)     loss, gap + 5")
for C in (10, 1000):
    p = np.full(C, eps / C)  # PyTorch's smoothed target, class 0 correct
    p[0] += 1 - eps
    gap = np.log(p[0] / p[1])  # softmax(z) = p when z_0 - z_c = gap
    z = np.zeros(C)
    z[0] = gap
    at_best = xd.cross_entropy_loss(z, 0, label_smoothing=eps)
    z[0] = gap + 5.0  # more confident than the target
    beyond = xd.cross_entropy_loss(z, 0, label_smoothing=eps)
    print(f"{C:4d}   {gap:14.3f}   {at_best:10.4f}   {float(xd.entropy(p)):.4f}   {beyond:13.4f}")
