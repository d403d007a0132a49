import tracemalloc

import numpy as np
import xentdocs as xd


def with_peak_memory(step, *args):
    """step(*args), and the most memory it held at once beyond the gradients it returned (bytes)."""
    tracemalloc.start()
    result = step(*args)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    returned = sum(a.nbytes for a in result[1:] if a is not None)   # the gradients
    return result, peak - returned


def plain(x, W, y):                       # linear, then the loss and dL/dz, then the chain rule
    z = x @ W.T                           # (N, V) logits
    loss, grad_z = xd.cross_entropy_loss_and_grad(z, y)              # grad_z: (N, V) too
    return loss, grad_z @ W, grad_z.T @ x


CHUNK = 16                                # rows (tokens) per chunk


def chunked(x, W, y):                     # the same, CHUNK rows of logits at a time
    return xd.linear_cross_entropy_and_grad(x, W, y, chunk_size=CHUNK)


def measure(vocab_sizes, N, D, seed=0):
    """Peak extra memory (bytes) of both ways, and the size of the (N, V) float32 logits."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((N, D), dtype=np.float32)
    rows = {"plain": [], "chunked": [], "logits": []}
    for V in vocab_sizes:
        W = rng.standard_normal((V, D), dtype=np.float32) * D**-0.5
        y = rng.integers(V, size=N)
        rows["plain"].append(with_peak_memory(plain, x, W, y)[1])
        rows["chunked"].append(with_peak_memory(chunked, x, W, y)[1])
        rows["logits"].append(N * V * 4)
    return rows
