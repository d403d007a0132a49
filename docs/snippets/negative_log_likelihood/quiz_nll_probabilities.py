import numpy as np

import xentdocs as xd

y = np.array([0, 1, 2])
perfect = np.eye(3)[y]  # probability 1 on every correct class
print("nll_loss(probabilities)     :", xd.nll_loss(perfect, y))
with np.errstate(divide="ignore"):  # log 0 = -inf for the wrong classes
    print("nll_loss(log-probabilities) :", xd.nll_loss(np.log(perfect), y))
