import numpy as np

q = np.array([0.9, 0.5, 0.8, 0.25])  # Q(y_i|x_i; W) of four examples
doubled = np.concatenate([q, q])  # the same data set, twice
for name, v in (("original", q), ("doubled ", doubled)):
    print(f"{name}:  L = {np.prod(v):.6f}   log L = {np.sum(np.log(v)):.6f}"
          f"   NLL = {-np.mean(np.log(v)):.6f}")
