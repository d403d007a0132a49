import numpy as np


def naive_log_softmax(z):
    """log(softmax(z)) just as the formula reads: exp, normalise, log."""
    e = np.exp(z)
    return np.log(e / e.sum())


# Let NumPy return inf and nan without warnings: seeing them is the point.
with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
    for dtype, big in ((np.float32, 88.0), (np.float32, 89.0),
                       (np.float64, 709.0), (np.float64, 710.0)):
        z = np.array([big, 0.0], dtype=dtype)
        print(f"{dtype.__name__}  z = {z}")
        print(f"   exp(z)         = {np.exp(z)}")
        print(f"   log softmax(z) = {naive_log_softmax(z)}")
