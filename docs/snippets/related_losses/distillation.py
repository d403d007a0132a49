import numpy as np

from xentdocs import cross_entropy_loss_grad, softmax

teacher = np.array([[6.0, 2.0, 1.0, -1.0, -3.0]])  # the teacher's logits
student = np.array([[1.0, 1.5, 0.0, 0.0, -1.0]])   # the student's logits

print(" T   teacher's softmax(t / T)          |grad|   T^2 |grad|")
for T in (1, 2, 4, 8):
    P_T = softmax(teacher / T, axis=1)              # softened targets
    # d/ds of the cross entropy of P_T and softmax(s / T): (Q_T - P_T) / T
    grad = cross_entropy_loss_grad(student / T, P_T) / T
    norm = np.linalg.norm(grad)
    probs = " ".join(f"{v:.3f}" for v in P_T[0])
    print(f"{T:2d}   {probs}   {norm:.4f}   {T**2 * norm:.4f}")
