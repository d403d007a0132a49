import numpy as np

# A toy language, generated on the spot: no download, the same text on every build.
WORDS = {
    "det": ["the", "a", "my", "one"],
    "adj": ["small", "big", "red", "quiet", "lazy"],
    "noun": ["cat", "dog", "bird", "fox", "girl", "boy", "king", "horse"],
    "verb": ["sees", "likes", "finds", "chases", "helps", "hears"],
    "prep": ["near", "under", "behind", "with"],
}


def make_text(n_sentences, seed):
    rng = np.random.default_rng(seed)
    pick = lambda kind: WORDS[kind][rng.integers(len(WORDS[kind]))]

    def noun_phrase():
        adjective = [pick("adj")] if rng.random() < 0.4 else []
        return [pick("det"), *adjective, pick("noun")]

    sentences = []
    for _ in range(n_sentences):
        words = noun_phrase() + [pick("verb")] + noun_phrase()
        if rng.random() < 0.3:
            words += [pick("prep")] + noun_phrase()
        sentences.append(" ".join(words) + ".")
    return " ".join(sentences)


TRAIN = make_text(300, seed=1)     # the text the model counts
HELDOUT = make_text(60, seed=2)    # text it never saw
VOCAB = sorted(set(TRAIN))         # characters: the classes
V = len(VOCAB)


def encode(text):
    index = {ch: i for i, ch in enumerate(VOCAB)}
    return np.array([index[ch] for ch in text])
