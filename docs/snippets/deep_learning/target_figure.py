import numpy as np
from sklearn.datasets import load_digits
from xentdocs import softmax
from xentdocs.plotting import new_figure, to_svg, PALETTE


def target_figure(title, desc, class_label, p_title, q_title, probability_label):
    """The one-hot target P beside the model's Q, for the same image."""
    X, y = load_digits(return_X_y=True)
    X = X / 16
    X_train, y_train = X[:-100], y[:-100]
    x, label = X[1708], y[1708]
    W = np.stack([X_train[y_train == c].mean(axis=0) for c in range(10)])
    b = -0.5 * np.sum(W**2, axis=1)
    Q = softmax(W @ x + b)
    P = np.eye(10)[label]

    classes = np.arange(10)
    fig, (left, right) = new_figure(width=6.4, height=2.8, ncols=2, sharey=True)
    left.bar(classes, P, color=PALETTE[2])
    right.bar(classes, Q, color=PALETTE[0])
    right.bar([label], [Q[label]], color=PALETTE[1])
    right.annotate(f"{Q[label]:.3f}", (label, Q[label]), textcoords="offset points",
                   xytext=(0, 3), ha="center")
    for ax, panel_title in ((left, p_title), (right, q_title)):
        ax.set_title(panel_title)
        ax.set_xticks(classes)
        ax.set_xlabel(class_label)
        ax.set_ylim(0, 1.1)
    left.set_ylabel(probability_label)
    return to_svg(fig, title=title, desc=desc)
