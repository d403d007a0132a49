import numpy as np
from sklearn.datasets import load_digits
from xentdocs import softmax
from xentdocs.plotting import new_figure, to_svg, PALETTE


def softmax_steps_figure(title, desc, class_label, score_title, exp_title, q_title):
    """Scores -> exp(scores) -> normalised: three bar charts, the true class highlighted."""
    X, y = load_digits(return_X_y=True)
    X = X / 16
    X_train, y_train = X[:-100], y[:-100]
    x, label = X[1708], y[1708]
    W = np.stack([X_train[y_train == c].mean(axis=0) for c in range(10)])
    b = -0.5 * np.sum(W**2, axis=1)
    scores = W @ x + b

    classes = np.arange(10)
    colours = [PALETTE[1] if c == label else PALETTE[0] for c in classes]
    fig, axes = new_figure(width=7.2, height=2.8, ncols=3)
    panels = ((scores, score_title), (np.exp(scores), exp_title), (softmax(scores), q_title))
    for ax, (values, panel_title) in zip(axes, panels):
        ax.bar(classes, values, color=colours)
        ax.axhline(0, color=PALETTE[7], linewidth=0.8)
        ax.set_title(panel_title)
        ax.set_xticks(classes)
        ax.set_xlabel(class_label)
        ax.tick_params(labelsize="small")
    axes[2].set_ylim(0, 1)
    return to_svg(fig, title=title, desc=desc)
