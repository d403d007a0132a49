import numpy as np

print("float16: log(max) =", np.log(np.finfo(np.float16).max))
with np.errstate(over="ignore"):
    print("exp(11) =", np.exp(np.float16(11)))
    print("exp(12) =", np.exp(np.float16(12)))
