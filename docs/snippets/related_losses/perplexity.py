import numpy as np

from xentdocs import cross_entropy_loss

# The cs231n batch: cat, car and frog images with their scores.
z = np.array([[3.2, 5.1, -1.7],
              [1.3, 4.9, 2.0],
              [2.2, 2.5, -3.1]])
y = np.array([0, 1, 2])
C = z.shape[1]

ce = float(cross_entropy_loss(z, y))       # nats
bits = ce / np.log(2)
print(f"cross entropy = {ce:.4f} nats = {bits:.4f} bits")
print(f"perplexity    = exp({ce:.4f}) = 2**{bits:.4f} = {np.exp(ce):.2f}")

uniform = float(cross_entropy_loss(np.zeros_like(z), y))  # equal scores
print(f"uniform model: cross entropy = log {C} = {uniform:.4f}, "
      f"perplexity = {np.exp(uniform):.2f}")
