import numpy as np

# A toy language, generated on the spot: no download, the same text on every build.
WORDS = {kind: words.split() for kind, words in dict(
    det="the a my one", adj="small big red quiet lazy", noun="cat dog bird fox girl boy king horse",
    verb="sees likes finds chases helps hears", prep="near under behind with").items()}


def make_text(n_sentences, seed):
    rng = np.random.default_rng(seed)
    pick = lambda kind: WORDS[kind][rng.integers(len(WORDS[kind]))]

    def noun_phrase():
        adjective = [pick("adj")] if rng.random() < 0.4 else []
        return [pick("det"), *adjective, pick("noun")]

    def sentence():
        words = noun_phrase() + [pick("verb")] + noun_phrase()
        if rng.random() < 0.3:
            words += [pick("prep")] + noun_phrase()
        return " ".join(words) + "."

    return " ".join(sentence() for _ in range(n_sentences))


TRAIN, HELDOUT = make_text(300, seed=1), make_text(60, seed=2)   # counted / never seen
VOCAB = sorted(set(TRAIN))                                       # characters: the classes
V = len(VOCAB)
encode = lambda text: np.array([VOCAB.index(ch) for ch in text])
