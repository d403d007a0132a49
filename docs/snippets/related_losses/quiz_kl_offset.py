import numpy as np

from xentdocs import cross_entropy_loss, entropy, kl_divergence, softmax

teacher = np.array([[6.0, 2.0, 1.0, -1.0, -3.0],
                    [0.5, 4.0, 0.0, 1.0, -2.0]])
T = 4.0
P = softmax(teacher / T, axis=1)   # the same soft targets for both students
students = {
    "student A": np.array([[2.0, 1.0, 0.5, 0.0, -1.0],
                           [0.0, 1.5, 0.0, 0.5, -0.5]]),
    "student B": teacher / T,       # reproduces the teacher exactly
}
for name, s in students.items():
    ce = float(cross_entropy_loss(s, P))
    kl = float(np.mean(kl_divergence(P, softmax(s, axis=1))))
    print(f"{name}: cross entropy {ce:.4f}   KL {kl:.4f}   "
          f"difference {ce - kl:.4f}")
print(f"mean H(P) of the targets: {float(np.mean(entropy(P))):.4f}")
