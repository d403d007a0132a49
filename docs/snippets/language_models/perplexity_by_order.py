import numpy as np
import xentdocs as xd


def perplexity_by_order(orders, k=0.01):
    """Perplexity exp(mean cross entropy) of the counting model of each order, on both texts."""
    train, heldout = encode(TRAIN), encode(HELDOUT)
    result = {"train": [], "heldout": []}
    for order in orders:
        for name, ids in (("train", train), ("heldout", heldout)):
            logits, targets = ngram_logits(train, ids, order, k)
            result[name].append(float(np.exp(xd.cross_entropy_loss(logits, targets))))
    return result
