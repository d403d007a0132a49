import re

import numpy as np
import xentdocs as xd

k = 0.01
# Character model (the bigram of the previous section) on the held-out text.
char_logits, char_targets = ngram_logits(encode(TRAIN), encode(HELDOUT), 1, k)
char_nats = float(xd.cross_entropy_loss(char_logits, char_targets, reduction="sum"))

# Word model: the same text cut into words and full stops, a bigram counted the same way.
words = lambda text: re.findall(r"[a-z]+|\.", text)
word_vocab = sorted(set(words(TRAIN)))
word_ids = lambda text: np.array([word_vocab.index(w) for w in words(text)])
word_logits, word_targets = ngram_logits(word_ids(TRAIN), word_ids(HELDOUT), 1, k, vocab_size=len(word_vocab))
word_nats = float(xd.cross_entropy_loss(word_logits, word_targets, reduction="sum"))

n_bytes = len(HELDOUT.encode("utf-8"))   # ASCII: one byte per character
print(f"held-out text: {n_bytes} bytes\n")
print("model       classes  tokens  loss (nats/token)  perplexity  bits/token  bits/byte")
for name, vocab_size, nats, tokens in (("character", V, char_nats, len(char_targets)),
                                       ("word", len(word_vocab), word_nats, len(word_targets))):
    loss = nats / tokens                                     # what the training log prints
    print(f"{name:<10}  {vocab_size:>7}  {tokens:>6}  {loss:>17.4f}  {np.exp(loss):>10.3f}"
          f"  {loss / np.log(2):>10.4f}  {nats / np.log(2) / n_bytes:>9.4f}")
