import numpy as np
import xentdocs as xd

# The bigram model of the previous sections.
train = encode(TRAIN)
counts = np.zeros((V, V))
np.add.at(counts, (train[:-1], train[1:]), 1)
table = np.log(counts + 0.01)

# A batch of three held-out sentences of different lengths, padded on the right.
sentences = [s + "." for s in HELDOUT.split(". ")[:3]]
B, T = len(sentences), max(len(s) for s in sentences) - 1
inputs = np.zeros((B, T), dtype=np.int64)     # padding input: any id (here 0), its prediction is ignored
labels = np.full((B, T), -100)                # padding label: -100, PyTorch's default ignore_index
for b, s in enumerate(sentences):
    ids = encode(s)
    inputs[b, : len(ids) - 1] = ids[:-1]
    labels[b, : len(ids) - 1] = ids[1:]       # the shift: the label at t is the character at t+1
real = labels != -100
print("tokens per sequence:", real.sum(axis=1), f"  positions: {B} x {T} = {B * T}")

logits = table[inputs]                        # (B, T, V)
flat_logits, flat_labels = logits.reshape(-1, V), labels.reshape(-1)
mean = xd.cross_entropy_loss(flat_logits, flat_labels)             # ignore_index=-100, reduction="mean"
none = xd.cross_entropy_loss(flat_logits, flat_labels, reduction="none").reshape(B, T)
print(f"cross_entropy_loss (mean)            = {mean:.4f}")
print(f"sum / real tokens                    = {none.sum() / real.sum():.4f}")
print(f"sum / all positions (= none.mean())  = {none.mean():.4f}")
print(f"mean of the per-sequence means       = {(none.sum(axis=1) / real.sum(axis=1)).mean():.4f}")
# Forgetting the -100: padding labelled with the padding id counts as text to predict.
padded_as_text = np.where(real, labels, 0).reshape(-1)
print(f"padding labelled 0 instead of -100   = {xd.cross_entropy_loss(flat_logits, padded_as_text):.4f}")
