import numpy as np

from xentdocs import log_softmax, logsumexp, softmax

z = np.array([3.2, 5.1, -1.7])       # logits of cat, car, frog
lse = logsumexp(z)                   # log sum_j e^{z_j}, the log normaliser

print(f"logsumexp(z)         = {lse:.4f}")
print("z - logsumexp(z)     =", np.round(z - lse, 4))
print("log_softmax(z)       =", np.round(log_softmax(z), 4))

# Unnormalised: adding any constant to z changes no probability ...
print("log_softmax(z + 7)   =", np.round(log_softmax(z + 7), 4))
# ... and a difference of logits is a log ratio of probabilities.
q = softmax(z)
print(f"z[car] - z[cat]      = {z[1] - z[0]:.4f}")
print(f"log(Q(car) / Q(cat)) = {np.log(q[1] / q[0]):.4f}")
