import numpy as np

from xentdocs import cross_entropy_loss, cross_entropy_loss_grad, entropy


def smoothed_target(C, eps, y=0):
    """PyTorch's smoothed target: 1 - eps + eps/C at y, eps/C elsewhere."""
    p = np.full(C, eps / C)
    p[y] += 1 - eps
    return p


eps = 0.1
for C in (10, 1000):
    p = smoothed_target(C, eps)
    gap = np.log(p[0] / p[1])   # best logit gap log((1-eps+eps/C) / (eps/C))
    print(f"C = {C:4d}: p[y] = {p[0]:.4f}, others {p[1]:.5f}, "
          f"best logit gap {gap:.2f}, floor H(p) = {float(entropy(p)):.2f}")

# Gradient descent on the logits of one sample (C = 10): the loss stops
# at H(p), with a finite logit gap.
C = 10
p = smoothed_target(C, eps)
best_gap = np.log(p[0] / p[1])
z = np.zeros(C)
print("\nstep   logit gap   loss (label_smoothing=0.1)")
for step in range(301):
    if step in (0, 10, 50, 300):
        loss = float(cross_entropy_loss(z, 0, label_smoothing=eps))
        print(f"{step:4d}   {z[0] - z[1]:9.4f}   {loss:.4f}")
    z -= 1.0 * cross_entropy_loss_grad(z, 0, label_smoothing=eps)
print(f"H(p) = {float(entropy(p)):.4f}")

# Past the best gap the loss rises again: overconfidence is penalised.
for gap in (best_gap, 8.0, 16.0):
    z = np.zeros(C)
    z[0] = gap
    smooth = float(cross_entropy_loss(z, 0, label_smoothing=eps))
    plain = float(cross_entropy_loss(z, 0))
    print(f"gap {gap:5.2f}: loss {smooth:.4f}   without smoothing {plain:.6f}")
