import numpy as np

from xentdocs import cross_entropy_loss, cross_entropy_loss_grad, entropy

eps = 0.1
for C in (10, 1000):
    p = np.full(C, eps / C)
    p[0] += 1 - eps                        # PyTorch's smoothed target for class 0
    gap = np.log(p[0] / p[1])              # best logit gap: log((1-eps+eps/C) / (eps/C))
    print(f"C = {C:4d}: target p[y] = {p[0]:.4f}, others {p[1]:.5f}")
    print(f"          best logit gap = {gap:.2f}, floor H(p) = {float(entropy(p)):.2f} nats")

# Gradient descent on the logits of one sample (C = 10): the loss stops at H(p).
C = 10
p = np.full(C, eps / C)
p[0] += 1 - eps
best_gap = np.log(p[0] / p[1])
z = np.zeros(C)
print("\nstep   logit gap   loss (label_smoothing=0.1)")
for step in range(301):
    if step in (0, 10, 50, 300):
        loss = float(cross_entropy_loss(z, 0, label_smoothing=eps))
        print(f"{step:4d}   {z[0] - z[1]:9.4f}   {loss:.4f}")
    z -= 1.0 * cross_entropy_loss_grad(z, 0, label_smoothing=eps)
print(f"H(p) = {float(entropy(p)):.4f}")

# Past the best gap the loss rises again: over-confidence is penalised.
for gap in (best_gap, 8.0, 16.0):
    z = np.zeros(C)
    z[0] = gap
    print(f"gap {gap:5.2f}: loss {float(cross_entropy_loss(z, 0, label_smoothing=eps)):.4f}"
          f"   without smoothing {float(cross_entropy_loss(z, 0)):.6f}")
