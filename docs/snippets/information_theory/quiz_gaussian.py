import numpy as np
from xentdocs import cross_entropy

# A regression model predicts a Gaussian with mean mu and standard deviation std;
# its loss is the Gaussian negative log likelihood (a density, not a probability).
mu, std = 0.0, 0.1
y = np.array([0.02, -0.05, 0.11, 0.0])  # observed targets, all close to mu
density = np.exp(-(y - mu) ** 2 / (2 * std**2)) / (std * np.sqrt(2 * np.pi))
print("density at the targets:", density.round(3))
print(f"mean Gaussian NLL     = {-np.log(density).mean():.4f}")

# A discrete distribution never gives more than 1, so -log Q(x) >= 0.
P = np.array([0.7, 0.2, 0.1])
Q = np.array([0.6, 0.3, 0.1])
print(f"discrete H(P;Q)       = {float(cross_entropy(P, Q)):.4f}")
