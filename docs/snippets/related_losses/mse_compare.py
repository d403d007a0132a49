import numpy as np

from xentdocs import cross_entropy_loss, cross_entropy_loss_grad, softmax

C, y = 10, 0
p = np.eye(C)[y]                       # one-hot target


def squared_error(z):
    """||Q - P||^2 with Q = softmax(z), and its gradient w.r.t. the logits."""
    q = softmax(z)
    r = q - p
    return float(r @ r), q * (2 * r - q @ (2 * r))  # through the softmax


# A confidently wrong start: class 3 leads the correct class 0 by 8.
start = np.zeros(C)
start[3] = 8.0
print("step   Q(y), cross entropy   Q(y), squared error")
z_ce, z_se = start.copy(), start.copy()
for step in range(201):
    if step in (0, 1, 5, 20, 50, 100, 150, 200):
        q_ce, q_se = softmax(z_ce)[y], softmax(z_se)[y]
        print(f"{step:4d}   {q_ce:19.4f}   {q_se:19.4f}")
    z_ce -= 1.0 * cross_entropy_loss_grad(z_ce, y)
    z_se -= 1.0 * squared_error(z_se)[1]

# At that start: the size of each loss's gradient.
loss_ce = float(cross_entropy_loss(start, y))
grad_ce = np.linalg.norm(cross_entropy_loss_grad(start, y))
loss_se, g_se = squared_error(start)
print(f"\nat the start: cross entropy {loss_ce:.4f}, |grad| {grad_ce:.4f}")
print(f"              squared error {loss_se:.4f}, "
      f"|grad| {np.linalg.norm(g_se):.4f}")

# The chain rule above, checked by central differences.
h = 1e-6
numeric = np.array([(squared_error(start + h * e)[0]
                     - squared_error(start - h * e)[0]) / (2 * h)
                    for e in np.eye(C)])
print(f"largest |chain rule - central difference| = "
      f"{np.abs(g_se - numeric).max():.1e}")
