import numpy as np
from xentdocs import entropy

die8 = np.full(8, 1 / 8)
print(f"H(die8) = {float(entropy(die8, base=2)):.4f} bit")
print(f"H(die8) = {float(entropy(die8)):.4f} nat  (= ln 8 = {np.log(8):.4f})")
