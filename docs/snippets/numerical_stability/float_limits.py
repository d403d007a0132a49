import numpy as np

print("dtype     eps          tiny (smallest normal)   max           log(max)")
for dtype in (np.float16, np.float32, np.float64):
    fi = np.finfo(dtype)
    print(f"{dtype.__name__:8}  {float(fi.eps):.4e}   {float(fi.tiny):<24.4e} "
          f"{float(fi.max):<12.4e}  {float(np.log(fi.max)):.4f}")

one = np.float32(1.0)
eps = np.finfo(np.float32).eps
print("float32: 1 + eps   == 1 ?", one + eps == one)
print("float32: 1 + eps/2 == 1 ?", one + eps / 2 == one)
print("float32: the number after 1 is", np.nextafter(one, np.float32(2)),
      "= 1 +", np.nextafter(one, np.float32(2)) - one)
