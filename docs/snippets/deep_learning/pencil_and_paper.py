import numpy as np

import xentdocs

# cs231n's example: the scores of one cat image for the classes cat, car, frog.
classes = ["cat", "car", "frog"]
z = np.array([3.2, 5.1, -1.7])
y = 0  # the correct class: cat

e = np.exp(z)              # step 1: exponentiate every score
total = e.sum()            # step 2: add them up
q = e / total              # step 3: divide; Q = softmax(z)
loss = -np.log(q[y])       # step 4: minus the natural log of Q(cat)

print("class   z       e^z       Q = e^z / sum")
for name, zc, ec, qc in zip(classes, z, e, q):
    print(f"{name:5s} {zc:5.1f} {ec:9.4f} {qc:10.4f}")
print(f"sum of e^z          = {total:.4f}")
print(f"Q(cat)              = {q[y]:.4f}")
print(f"-log Q(cat)         = {loss:.4f}   (natural log: nats)")
print(f"cross_entropy_loss  = {float(xentdocs.cross_entropy_loss(z, y)):.4f}")
