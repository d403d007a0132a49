import numpy as np
import xentdocs as xd

train, heldout = encode(TRAIN), encode(HELDOUT)
k = 0.01                                   # add-k: no bigram gets probability 0

# The model: count which character follows which in the training text.
counts = np.zeros((V, V))
np.add.at(counts, (train[:-1], train[1:]), 1)
Q = (counts + k) / (counts + k).sum(axis=1, keepdims=True)    # Q(b | a), rows sum to 1

# Next-token prediction on held-out text: the logits at position t are the row of
# the character at t, the target is the character at t+1.
logits = np.log(counts + k)[heldout[:-1]]  # (T, V); softmax of a row = that row of Q
targets = heldout[1:]
loss = xd.cross_entropy_loss(logits, targets)
print(f"held-out characters T = {len(targets)}, classes V = {V}, logits {logits.shape}")
print(f"xentdocs.cross_entropy_loss       = {loss:.6f} nats per character")

# Closed form: count the held-out bigrams n(a, b) instead of walking the text.
n = np.zeros((V, V))
np.add.at(n, (heldout[:-1], heldout[1:]), 1)
closed = -(n * np.log(Q)).sum() / n.sum()
print(f"-sum n(a,b) log Q(b|a) / T        = {closed:.6f}")

# The same number split in two: the held-out text's own conditional entropy H(B|A),
# plus how far Q is from the held-out conditionals (KL, never negative).
p_a = n.sum(axis=1) / n.sum()
rows = p_a > 0
P = n[rows] / n[rows].sum(axis=1, keepdims=True)              # P(b | a) in held-out text
H_cond = (p_a[rows] * xd.entropy(P)).sum()
kl = (p_a[rows] * xd.kl_divergence(P, Q[rows])).sum()
print(f"H(B|A) + KL                       = {H_cond:.6f} + {kl:.6f} = {H_cond + kl:.6f}")

# On the training text, with k = 0, the counted model is the training text's own
# conditional distribution: its cross entropy IS the conditional entropy (KL = 0).
with np.errstate(divide="ignore"):        # log 0 = -inf: probability 0, a valid logit
    train_loss = xd.cross_entropy_loss(np.log(counts)[train[:-1]], train[1:])
p_a = counts.sum(axis=1) / counts.sum()
H_train = (p_a * xd.entropy(counts / counts.sum(axis=1, keepdims=True))).sum()
print(f"training text, k = 0: loss        = {train_loss:.6f}   H(B|A) = {H_train:.6f}")
