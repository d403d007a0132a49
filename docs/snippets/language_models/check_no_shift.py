import numpy as np
import xentdocs as xd

train, heldout = encode(TRAIN), encode(HELDOUT)

# Bug 1: no shift. The label at t is the token at t itself, which the model reads.
counts = np.zeros((V, V))
np.add.at(counts, (train, train), 1)               # "what follows a?" -> always a
with np.errstate(divide="ignore"):
    logits = np.log(counts)[train]
print(f"no shift, training text:  perplexity = {np.exp(xd.cross_entropy_loss(logits, train)):.4f}")

# Bug 2 (or no bug, just memorising): contexts so long that each occurs once in training.
# Counted without smoothing (k = 0) on the training text; held-out text needs k > 0.
for order in (4, 40):
    tr_logits, tr_targets = ngram_logits(train, train, order, 0.0)
    ho_logits, ho_targets = ngram_logits(train, heldout, order, 0.01)
    print(f"order {order:>2}: train perplexity = {np.exp(xd.cross_entropy_loss(tr_logits, tr_targets)):.4f}"
          f"   held-out perplexity = {np.exp(xd.cross_entropy_loss(ho_logits, ho_targets)):.4f}")
