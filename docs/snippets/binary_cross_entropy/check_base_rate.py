import numpy as np

import xentdocs

bce = xentdocs.binary_cross_entropy_with_logits

y = np.array([1.0] * 5 + [0.0] * 95)  # 5 % positives
share = y.mean()

at_zero = bce(np.zeros_like(y), y)  # an untrained model: z = 0 everywhere
c = np.log(share / (1 - share))  # the best constant logit: sigmoid(c) = share
at_best_constant = bce(np.full_like(y, c), y)
entropy = xentdocs.entropy([share, 1 - share])  # of the labels themselves

print(f"z = 0 for all           : loss = {at_zero:.4f}  (log 2 = {np.log(2):.4f})")
print(f"best constant z = {c:.3f}: loss = {at_best_constant:.4f}")
print(f"entropy of the labels   : H    = {float(entropy):.4f}")
