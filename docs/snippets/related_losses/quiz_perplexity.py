import numpy as np

from xentdocs import cross_entropy_loss

C = 10
right = np.full(C, 0.05 / (C - 1))
right[0] = 0.95                  # Q(y) = 0.95 on the correct class 0
wrong = np.full(C, 1e-6 / (C - 1))
wrong[1] = 1 - 1e-6              # almost all on class 1; the answer is 0

# Logits are unnormalised log-probabilities, so log Q serves as logits.
z = np.log(np.array([right] * 8 + [wrong] * 2))
y = np.zeros(10, dtype=np.int64)
ce = float(cross_entropy_loss(z, y))
per_sample = cross_entropy_loss(z, y, reduction="none")
print(f"accuracy      = {np.mean(z.argmax(axis=1) == y):.0%}")
print(f"per-sample    = {np.round(per_sample, 2)}")
print(f"cross entropy = {ce:.4f}  (log C = {np.log(C):.4f})")
print(f"perplexity    = {np.exp(ce):.1f}  > C = {C}")
