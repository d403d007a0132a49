import numpy as np

# class 1 is e^-120 times less likely than class 0
z = np.array([0.0, -120.0], dtype=np.float32)
with np.errstate(under="ignore", divide="ignore"):
    e = np.exp(z)
    p = e / e.sum()
    print("exp(z)           =", e)
    print("softmax(z)       =", p)
    print("log softmax(z)   =", np.log(p))
    print("loss if y = 1    =", -np.log(p[1]))
# the exact loss for y = 1 is 120 + log(1 + e^-120)
print("true loss, y = 1 =", 120 + np.log1p(np.exp(-120.0)))
tiny = np.finfo(np.float32).smallest_subnormal
print("smallest float32 > 0 =", tiny, "= e^", np.log(np.float64(tiny)))
