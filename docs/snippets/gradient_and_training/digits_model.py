import numpy as np
from sklearn.datasets import load_digits

import xentdocs


def load_split(seed=0, n_heldout=450):
    """The 8×8 digits, split once by a seeded permutation, standardised."""
    digits = load_digits()  # bundled with scikit-learn: no download
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(digits.target))
    train, heldout = order[n_heldout:], order[:n_heldout]
    X, y = digits.data, digits.target
    # Standardise with the training statistics only; pixels that are
    # blank in every training image (std 0) are left unscaled.
    mean = X[train].mean(axis=0)
    std = X[train].std(axis=0)
    std[std == 0] = 1.0
    return ((X[train] - mean) / std, y[train],
            (X[heldout] - mean) / std, y[heldout],
            digits.images[heldout])


def train_softmax_regression(X, y, X_ho, y_ho, epochs=100, lr=0.5):
    """Full-batch gradient descent on the mean cross entropy of X Wᵀ + b.

    X_ho, y_ho: the held-out set, only evaluated, never trained on.
    """
    W = np.zeros((10, X.shape[1]))  # (C, D) like nn.Linear; W = 0: every q starts uniform
    b = np.zeros(10)
    history = {"train_loss": [], "heldout_loss": [], "heldout_proba": []}
    for epoch in range(epochs + 1):
        Z = X @ W.T + b  # logits, shape (N, 10)
        Z_ho = X_ho @ W.T + b
        history["train_loss"].append(
            float(xentdocs.cross_entropy_loss(Z, y)))
        history["heldout_loss"].append(
            float(xentdocs.cross_entropy_loss(Z_ho, y_ho)))
        history["heldout_proba"].append(xentdocs.softmax(Z_ho))
        if epoch == epochs:
            break
        dZ = xentdocs.cross_entropy_loss_grad(Z, y)  # (q - onehot) / N
        W -= lr * (dZ.T @ X)  # chain rule: dL/dW = dZᵀ X
        b -= lr * dZ.sum(axis=0)  # dL/db = sum of the rows of dZ
    # shape (epochs + 1, N_ho, 10)
    history["heldout_proba"] = np.array(history["heldout_proba"])
    history["train_accuracy"] = np.mean(Z.argmax(axis=1) == y)
    history["heldout_accuracy"] = np.mean(Z_ho.argmax(axis=1) == y_ho)
    return W, b, history


# What makes a held-out digit worth watching (see interesting_digit).
MIN_WRONG_EPOCHS, MIN_FINAL_PROBA = 10, 0.8


def interesting_digit(history, y_ho, min_wrong=MIN_WRONG_EPOCHS, min_final=MIN_FINAL_PROBA):
    """First held-out digit misread for min_wrong epochs, yet right
    with probability >= min_final at the end."""
    proba = history["heldout_proba"]
    predicted = proba.argmax(axis=2)
    # epoch 0 is left out: all ten probabilities are equal there
    wrong_epochs = np.sum(predicted[1:] != y_ho, axis=0)
    final = proba[-1, np.arange(len(y_ho)), y_ho]
    chosen = (wrong_epochs >= min_wrong) & (final >= min_final)
    return int(np.flatnonzero(chosen)[0])


def settling_epoch(proba_one, label):
    """First epoch from which the digit stays classified correctly."""
    right = proba_one.argmax(axis=1) == label
    if right.all():
        return 0
    return int(len(right) - np.argmin(right[::-1]))
