import numpy as np

import xentdocs as xd

z = np.array([1000.0, 1000.0])
with np.errstate(over="ignore"):
    print("naive log(sum(exp(z))) =", np.log(np.sum(np.exp(z))))
print("xd.logsumexp(z)        =", xd.logsumexp(z))
print("1000 + log 2           =", 1000 + np.log(2))
