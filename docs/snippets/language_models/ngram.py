import numpy as np


def ngram_logits(train_ids, ids, order, k, vocab_size=None):
    """Logits log(count + k) of the counting model that reads the `order` previous tokens.

    Returns (logits, targets) for every position t >= order of `ids`: row t holds the
    logits of the token at t, counted in `train_ids` after the same `order` tokens.
    """
    size = V if vocab_size is None else vocab_size   # V: the characters of the corpus

    def contexts(seq):  # the `order` tokens before each position, as one integer
        code = np.zeros(len(seq) - order, dtype=np.int64)
        for j in range(order):
            code = code * size + seq[j : len(seq) - order + j]
        return code

    seen, row = np.unique(contexts(train_ids), return_inverse=True)
    counts = np.bincount(row * size + train_ids[order:], minlength=len(seen) * size)
    counts = counts.reshape(len(seen), size).astype(float)
    ctx = contexts(ids)
    where = np.minimum(np.searchsorted(seen, ctx), len(seen) - 1)
    known = seen[where] == ctx            # a context never seen in training: all counts 0
    with np.errstate(divide="ignore"):    # count 0 with k = 0: log 0 = -inf, probability 0
        return np.log(np.where(known[:, None], counts[where], 0.0) + k), ids[order:]
