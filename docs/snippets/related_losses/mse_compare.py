import numpy as np

from xentdocs import cross_entropy_loss, cross_entropy_loss_grad, softmax

C, y = 10, 0
p = np.eye(C)[y]                       # one-hot target


def squared_error(z):
    """Softmax + squared error ||Q - P||^2 and its gradient with respect to the logits."""
    q = softmax(z)
    r = q - p
    return float(r @ r), q * (2 * r - q @ (2 * r))   # chain rule through the softmax


# A confidently wrong start: class 3 leads the correct class 0 by 8.
print("step   Q(y) with cross entropy   Q(y) with squared error")
z_ce = np.zeros(C)
z_ce[3] = 8.0
z_se = z_ce.copy()
for step in range(201):
    if step in (0, 1, 5, 20, 50, 100, 150, 200):
        print(f"{step:4d}   {softmax(z_ce)[y]:23.4f}   {softmax(z_se)[y]:23.4f}")
    z_ce -= 1.0 * cross_entropy_loss_grad(z_ce, y)
    z_se -= 1.0 * squared_error(z_se)[1]

# At that start: the size of each loss's gradient.
z = np.zeros(C)
z[3] = 8.0
loss_se, g_se = squared_error(z)
print(f"\nat the start: cross entropy {float(cross_entropy_loss(z, y)):.4f}, |grad| {np.linalg.norm(cross_entropy_loss_grad(z, y)):.4f}")
print(f"              squared error {loss_se:.4f}, |grad| {np.linalg.norm(g_se):.4f}")

# The chain rule above, checked by central differences.
h = 1e-6
numeric = np.array([(squared_error(z + h * e)[0] - squared_error(z - h * e)[0]) / (2 * h) for e in np.eye(C)])
print(f"largest |chain rule - central difference| = {np.abs(g_se - numeric).max():.1e}")
