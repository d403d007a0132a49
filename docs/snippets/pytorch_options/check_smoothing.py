import numpy as np
import xentdocs as xd

C, eps = 10, 0.1
x = np.zeros((1, C))                          # any logits will do
t = np.array([3])

# grad of the summed loss = softmax(x) - q, so q = softmax(x) - grad
grad = xd.cross_entropy_loss_grad(x, t, reduction="sum", label_smoothing=eps)
q = (xd.softmax(x, axis=1) - grad)[0]
print(f"q[target] = {q[3]:.4f}   1 - eps + eps/C = {1 - eps + eps / C:.4f}")
print(f"q[other]  = {q[0]:.4f}   eps/C           = {eps / C:.4f}")
print(f"                  (eps/(C-1)       = {eps / (C - 1):.4f})")
print(f"sum of q  = {q.sum():.4f}")
