import numpy as np
from xentdocs import cross_entropy_loss, softmax

scores = np.zeros(10)  # every class gets the same score
print("Q =", softmax(scores))
print(f"loss   = {float(cross_entropy_loss(scores, 4)):.6f} nat")
print(f"log 10 = {np.log(10):.6f} nat")
