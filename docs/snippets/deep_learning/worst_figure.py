import numpy as np
from sklearn.datasets import load_digits
from xentdocs import cross_entropy_loss
from xentdocs.plotting import new_figure, to_svg


def worst_figure(title, desc):
    """The held-out image with the largest loss under the template model.

    ``title`` and ``desc`` may contain ``{i}``, ``{label}`` and ``{predicted}``.
    """
    digits = load_digits()
    X, y = digits.data / 16, digits.target
    X_train, y_train = X[:-100], y[:-100]
    W = np.stack([X_train[y_train == c].mean(axis=0) for c in range(10)])
    b = -0.5 * np.sum(W**2, axis=1)
    S = X[-100:] @ W.T + b
    worst = int(np.argmax(cross_entropy_loss(S, y[-100:], reduction="none")))
    i = len(X) - 100 + worst

    fig, ax = new_figure(width=2.6, height=2.6)
    ax.imshow(digits.images[i], cmap="gray_r", vmin=0, vmax=16, interpolation="nearest")
    ax.set_xticks(range(8))
    ax.set_yticks(range(8))
    ax.tick_params(labelsize="small")
    ax.grid(False)
    fields = {"i": i, "label": y[i], "predicted": int(S[worst].argmax())}
    return to_svg(fig, title=title.format(**fields), desc=desc.format(**fields))
