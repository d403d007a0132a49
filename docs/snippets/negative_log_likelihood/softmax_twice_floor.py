import numpy as np

import xentdocs as xd

print("   C   best    log(1+(C-1)/e)   worst   log(e+C-1)   log C (start)")
for C in (2, 10, 100, 1000):
    z = np.zeros(C)
    z[0] = 100.0  # as confident as it gets
    q = xd.softmax(z)  # the mistake: probabilities ...
    best = xd.cross_entropy_loss(q, 0)  # ... passed as logits, class 0 right
    worst = xd.cross_entropy_loss(q, 1)  # ... and class 1 right
    print(f"{C:4d}   {best:.4f}  {np.log1p((C - 1) / np.e):14.4f}"
          f"   {worst:.4f}  {np.log(np.e + C - 1):10.4f}"
          f"   {np.log(C):13.4f}")

# Nothing gets below the floor: 100 000 random probability vectors, C = 10
rng = np.random.default_rng(0)
q = rng.dirichlet(np.full(10, 0.1), size=100_000)
target = np.zeros(100_000, dtype=int)
losses = xd.cross_entropy_loss(q, target, reduction="none")
print("C = 10, lowest loss of 100 000 random q:", losses.min())
print("                         floor for C = 10:", np.log1p(9 / np.e))
