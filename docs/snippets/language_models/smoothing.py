import numpy as np
import xentdocs as xd

train, heldout = encode(TRAIN), encode(HELDOUT)
counts = np.zeros((V, V))
np.add.at(counts, (train[:-1], train[1:]), 1)
P = counts / counts.sum(axis=1, keepdims=True)        # the training text's own Q(b | a) (k = 0)
eps = 0.1

# A: the add-k model of the bigram section.  B: the model that label smoothing trains toward.
# For each context a, the smoothed loss is lowest at (1 - eps) P(. | a) + eps / V.
A = np.log(counts + 0.01)
B = np.log((1 - eps) * P + eps / V)

# B is where the smoothed loss stops moving: summed over the training text, its gradient is 0.
grad = xd.cross_entropy_loss_grad(B[train[:-1]], train[1:], reduction="sum", label_smoothing=eps)
per_context = np.zeros((V, V))
np.add.at(per_context, train[:-1], grad)
print(f"B: largest gradient of the smoothed loss, per context = {np.abs(per_context).max():.1e}\n")

print("model  smoothed loss  exp(smoothed)  train ppl  held-out ppl")
for name, table in (("A", A), ("B", B)):
    smoothed = xd.cross_entropy_loss(table[train[:-1]], train[1:], label_smoothing=eps)
    plain = xd.cross_entropy_loss(table[train[:-1]], train[1:])
    held = xd.cross_entropy_loss(table[heldout[:-1]], heldout[1:])
    print(f"{name:>5}  {smoothed:>13.4f}  {np.exp(smoothed):>13.3f}  {np.exp(plain):>9.3f}  {np.exp(held):>12.3f}")
