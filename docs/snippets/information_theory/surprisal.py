import numpy as np
from xentdocs import information_content

# From a certain outcome to a rare one: the rarer, the more it tells us.
p = np.array([1.0, 0.5, 0.25, 0.125, 0.01])
h_nat = information_content(p)          # natural log: nats (the default)
h_bit = information_content(p, base=2)  # log base 2: bits

print("  P(x)   h(x) [nat]   h(x) [bit]")
for row in zip(p, h_nat, h_bit):
    print("{:6.3f} {:12.4f} {:12.4f}".format(*row))
