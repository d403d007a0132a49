import numpy as np
import xentdocs as xd

V, N = 32_000, 16                                  # vocabulary, tokens
rng = np.random.default_rng(0)
y = rng.integers(V, size=N)
print(f"log V                       = {np.log(V):.4f}")
print(f"all logits 0 (uniform)      = {xd.cross_entropy_loss(np.zeros((N, V)), y):.4f}")
for scale in (0.1, 1.0, 3.0):                      # random logits of growing spread
    z = scale * rng.standard_normal((N, V), dtype=np.float32)
    print(f"random logits, std {scale:<4}     = {xd.cross_entropy_loss(z, y):.4f}")
