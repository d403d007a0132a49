import numpy as np

from xentdocs import (cross_entropy_loss, cross_entropy_loss_grad, entropy,
                      kl_divergence, softmax)

rng = np.random.default_rng(0)
N, C = 4, 5
P = softmax(rng.normal(size=(N, C)) * 2, axis=1)  # soft targets (a teacher's)
z = rng.normal(size=(N, C))                       # the student's logits


def mean_kl(z):
    """KLDivLoss(reduction='batchmean'): the mean over rows of KL(P || Q)."""
    return float(np.mean(kl_divergence(P, softmax(z, axis=1))))


ce = float(cross_entropy_loss(z, P))   # probability targets, reduction='mean'
kl = mean_kl(z)
h = float(np.mean(entropy(P)))
print(f"cross entropy (probability targets) = {ce:.6f}")
print(f"mean KL(P || Q)                     = {kl:.6f}")
print(f"difference                          = {ce - kl:.6f}")
print(f"mean H(P)                           = {h:.6f}")

# Same gradient: the cross entropy's is (Q - P) / N; the KL's by central
# differences.
g_ce = cross_entropy_loss_grad(z, P)
g_kl = np.zeros_like(z)
step = 1e-6
for i in range(N):
    for c in range(C):
        dz = np.zeros_like(z)
        dz[i, c] = step
        g_kl[i, c] = (mean_kl(z + dz) - mean_kl(z - dz)) / (2 * step)
print(f"largest |grad CE - grad KL|         = {np.abs(g_ce - g_kl).max():.1e}")
