import numpy as np


def textbook_loss(z, t):
    m = z.max()
    return -((z[t] - m) - np.log(np.sum(np.exp(z - m))))


gaps = np.arange(0, 60, 0.01)
for dtype in (np.float32, np.float64):
    first = next(d for d in gaps
                 if textbook_loss(np.array([d, 0], dtype=dtype), 0) == 0)
    eps = np.finfo(dtype).eps
    print(f"{dtype.__name__}: loss is exactly 0 from d = {first:.2f};"
          f"  -log(eps/2) = {-np.log(eps / 2):.2f}")
