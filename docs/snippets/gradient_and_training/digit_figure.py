import numpy as np

from xentdocs.plotting import PALETTE, new_figure, to_svg


def digit_figure(title, desc, image_title, epoch_title, xlabel, ylabel):
    """One held-out digit: its image and its predicted distribution at five epochs.

    ``desc`` may use {label}, {wrong}, {settled}, {final:.2f} and {last}, filled in from the run.
    """
    X, y, X_ho, y_ho, images = load_split()
    _, _, history = train_softmax_regression(X, y, X_ho, y_ho)
    i = interesting_digit(history, y_ho)
    label = y_ho[i]
    proba = history["heldout_proba"][:, i]
    settled = settling_epoch(proba, label)
    last = len(proba) - 1
    shown = [0, 1, settled // 2, settled, last]

    fig, axes = new_figure(width=6.4, height=4.4, nrows=2, ncols=3)
    axes = axes.ravel()
    axes[0].imshow(images[i], cmap="gray_r", interpolation="nearest")
    axes[0].set_title(image_title.format(label=label))
    axes[0].set_xticks([])
    axes[0].set_yticks([])
    axes[0].grid(False)
    for spine in axes[0].spines.values():
        spine.set_visible(True)  # a frame, so the white paper shows on a dark page too
    classes = np.arange(10)
    colors = [PALETTE[1] if c == label else PALETTE[0] for c in classes]
    for ax, epoch in zip(axes[1:], shown):
        ax.bar(classes, proba[epoch], color=colors)
        # dotted outline: the one-hot target the distribution moves toward
        ax.bar([label], [1.0], fill=False, edgecolor=PALETTE[1], linestyle=":", linewidth=1.2)
        ax.set_ylim(0, 1.05)
        ax.grid(False)  # the inner panels have no y ticks to hang grid lines on
        ax.set_title(epoch_title.format(epoch=epoch))
    # Tick labels are the slowest part of the drawing: class numbers on the bottom row
    # only (the columns line up), probabilities on the left column only (same scale).
    for ax in axes[1:]:
        ax.set_xticks(classes if ax in axes[3:] else [])
        ax.set_yticks([0, 0.5, 1] if ax in axes[[1, 3]] else [])
    for ax in axes[3:]:
        ax.tick_params(axis="x", labelsize="small")
        ax.set_xlabel(xlabel)
    for ax in axes[[1, 3]]:
        ax.set_ylabel(ylabel)
    wrong = int(proba[1].argmax())  # what the model read the digit as after one step
    desc = desc.format(label=label, wrong=wrong, settled=settled, final=proba[last, label], last=last)
    return to_svg(fig, title=title, desc=desc)
