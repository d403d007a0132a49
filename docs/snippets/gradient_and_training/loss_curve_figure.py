import numpy as np

from xentdocs.plotting import PALETTE, new_figure, to_svg


def loss_curve_figure(title, desc, xlabel, ylabel, train_label, heldout_label):
    """Train and held-out loss of the digits model, one point per epoch."""
    X, y, X_ho, y_ho, _ = load_split()
    _, _, history = train_softmax_regression(X, y, X_ho, y_ho)
    epochs = np.arange(len(history["train_loss"]))

    fig, ax = new_figure(width=6.4, height=3.6)
    ax.plot(epochs, history["train_loss"], color=PALETTE[0], label=train_label)
    ax.plot(epochs, history["heldout_loss"], color=PALETTE[1], linestyle="--", label=heldout_label)
    # W = 0 at epoch 0: ten equal probabilities, loss log 10
    ax.axhline(np.log(10), color=PALETTE[2], linewidth=1, linestyle=":")
    ax.annotate("log 10", (epochs[-1], np.log(10)), xytext=(0, -14),
                textcoords="offset points", ha="right")  # text in the ink colour: readable in both schemes
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_ylim(bottom=0)
    ax.legend(loc="center right")
    return to_svg(fig, title=title, desc=desc)
