import numpy as np

import xentdocs as xd

rng = np.random.default_rng(0)
z = rng.normal(scale=3.0, size=(4, 5))  # a batch: 4 examples, 5 classes
y = np.array([1, 0, 4, 2])

ce = xd.cross_entropy_loss(z, y)  # nn.CrossEntropyLoss()(z, y)
log_q = xd.log_softmax(z, axis=1)  # nn.LogSoftmax(dim=1)(z)
nll = xd.nll_loss(log_q, y)  # nn.NLLLoss()(log_q, y)
picked = -np.mean(log_q[np.arange(4), y])  # NLLLoss: pick, negate, average

print("cross_entropy_loss(z, y)         :", ce)
print("nll_loss(log_softmax(z), y)      :", nll)
print("-mean(log_softmax(z)[i, y_i])    :", picked)
print("CrossEntropyLoss()(z, y)         :", xd.CrossEntropyLoss()(z, y))
print("nll_loss(softmax(z), y)  (wrong) :",
      xd.nll_loss(xd.softmax(z, axis=1), y))
