import mpmath
import numpy as np

import xentdocs as xd


def naive(z, t):
    e = np.exp(z)
    return -np.log(e[t] / e.sum())


def textbook(z, t):
    """(z - m) - log(sum(exp(z - m))): how PyTorch and SciPy do it."""
    m = z.max()
    return -((z[t] - m) - np.log(np.sum(np.exp(z - m))))


def exact(z, t):
    """log(sum_j exp(z_j - z_t)) with 50 significant digits."""
    with mpmath.workdps(50):
        zs = [mpmath.mpf(float(v)) for v in z]
        return float(mpmath.log(mpmath.fsum(mpmath.exp(v - zs[t])
                                            for v in zs)))


print("float32, z = [d, 0], correct class 0")
print("    d   naive        log-softmax  xentdocs     mpmath (exact)")
with np.errstate(all="ignore"):  # the naive version overflows on purpose
    for d in (-110, -50, 0, 10, 17, 30, 90, 100):
        z = np.array([d, 0], dtype=np.float32)
        losses = [naive(z, 0), textbook(z, 0), xd.cross_entropy_loss(z, 0)]
        row = "".join(f"{float(v) + 0.0:<13.4e}" for v in losses)
        print(f"{d:5d}   {row}{exact(z, 0):.4e}")
