import numpy as np

import xentdocs

rng = np.random.default_rng(1)
z = rng.normal(size=5)  # one example's logits, 5 classes
y = 2
h = 1e-5

# The Hessian is the derivative of the gradient: differentiate the
# analytic gradient numerically, one logit at a time.
grad = xentdocs.cross_entropy_loss_grad
H_numeric = np.empty((5, 5))
for k in range(5):
    step = np.zeros(5)
    step[k] = h
    H_numeric[:, k] = (grad(z + step, y) - grad(z - step, y)) / (2 * h)

q = xentdocs.softmax(z)
H = np.diag(q) - np.outer(q, q)
error = np.max(np.abs(H_numeric - H))
print(f"max |H_numeric - (diag(q) - q qᵀ)| = {error:.1e}")

eigenvalues, eigenvectors = np.linalg.eigh(H)  # ascending order
# + 0.0 prints a rounded -0.0 as 0.0
print("eigenvalues:", np.round(eigenvalues, 4) + 0.0)
print(f"smallest eigenvalue: {eigenvalues[0]:.1e} (zero up to rounding)")
v0 = eigenvectors[:, 0]
print("its eigenvector is ±(1, …, 1)/√5:",
      np.allclose(np.abs(v0), 1 / np.sqrt(5)))

# vᵀ H v is the variance of v under q, which is never negative.
for v in rng.normal(size=(3, 5)):
    variance = q @ v**2 - (q @ v) ** 2
    print(f"vᵀHv = {v @ H @ v:.6f}   Var_q(v) = {variance:.6f}")
