import numpy as np
from xentdocs import cross_entropy, cross_entropy_loss_grad, entropy, softmax

P = np.array([0.7, 0.2, 0.1])   # the target distribution
z = np.array([-1.0, 0.5, 2.0])  # logits of Q: we start far from P
learning_rate = 1.0

print(f"H(P) = {float(entropy(P)):.4f} nat\n")
print("step  Q                      H(P;Q)")
for step in range(41):
    Q = softmax(z)
    if step in (0, 1, 2, 5, 10, 20, 40):
        h = float(cross_entropy(P, Q))
        print(f"{step:4d}  {np.array2string(Q, precision=3):22s} {h:.4f}")
    # Gradient of H(P; softmax(z)) with P as a probability target: Q - P.
    grad = cross_entropy_loss_grad(z, P)
    assert np.allclose(grad, Q - P)
    z = z - learning_rate * grad
