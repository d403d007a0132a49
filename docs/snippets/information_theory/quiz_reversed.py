import numpy as np
from xentdocs import cross_entropy, softmax

P = np.array([0.0, 0.0, 1.0])  # one-hot target: the answer is class 2

# Whatever logits the model has, softmax gives every class some probability.
for z in ([0.0, 0.0, 0.0], [-2.0, 1.0, 5.0], [-10.0, -10.0, 20.0]):
    Q = softmax(np.array(z))
    print(f"z = {z!s:>20}   H(P;Q) = {float(cross_entropy(P, Q)):.3g}"
          f"   H(Q;P) = {float(cross_entropy(Q, P))}")
